// The generator. Its first random stream replays the peers' generator draw for draw
// (docs/store.md), so the base fields (and the CSV) are identical to the peers' data;
// everything that generator leaves out comes from each issue's own stream and cannot disturb the
// first, and lets those parts be drawn on several threads.
#include "jql/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/ordered_pipeline.h"
#include "load_context.h"

namespace jql {
namespace {

constexpr int64_t kDay = 86400000LL;
constexpr int64_t kNow = 1748736000000LL;  // 2025-06-01T00:00:00Z, the peers' "now"
constexpr int64_t kSpan = 8 * 365 * kDay + 2 * kDay;
constexpr int64_t kT0 = kNow - kSpan;
constexpr int kProjects = 2000, kUsers = 5000, kLabels = 300, kWords = 20000;

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;  // splitmix64's increment

// splitmix64's finaliser: a well-mixed 64-bit value from any 64-bit value.
constexpr uint64_t Mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {  // splitmix64, as gen_issues
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t state() const { return state_; }
  uint64_t Next() { return Mix(state_ += kGolden); }
  double U01() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }
  int Pick(const double* w, int n) {
    const double u = U01();
    double a = 0;
    for (int i = 0; i < n; i++) {
      a += w[i];
      if (u < a) return i;
    }
    return n - 1;
  }

 private:
  uint64_t state_;
};

// Zipf over ranks 0..n-1 by CDF. A table over u in equal steps gives the rank where
// each step's search starts; with a few steps per rank (a power of two, so u * steps is
// exact) the search is a short forward scan instead of a binary search in the CDF. A
// step that lies within one rank's share of the CDF (most draws: the likely ranks span
// many steps) is marked as exact, and its draws never read the CDF at all.
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double acc = 0;
    for (size_t k = 0; k < n; k++) {
      acc += 1.0 / std::pow(static_cast<double>(k + 1), s);
      cdf_[k] = acc;
    }
    for (auto& c : cdf_) c /= acc;
    cdf_.back() = 1.0;  // every u < 1 stops at the last rank at the latest
    while (steps_ < 2 * n && steps_ < kMaxSteps) steps_ *= 2;
    start_.resize(steps_);
    for (size_t b = 0; b < steps_; ++b) {
      const double u = static_cast<double>(b) / static_cast<double>(steps_);
      const auto k =
          static_cast<uint32_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin());
      // Every u in the step is below the step's end, so when rank k's CDF reaches the
      // end, the step's draws all give k (the ranks before it end below the step).
      const double end = static_cast<double>(b + 1) / static_cast<double>(steps_);
      start_[b] = k | (cdf_[k] >= end ? kExact : 0);
    }
  }
  // The same rank as std::lower_bound(cdf, u): the scan starts at or before it.
  uint32_t Sample(Rng& rng) const {
    const double u = rng.U01();
    const uint32_t start = start_[static_cast<size_t>(u * static_cast<double>(steps_))];
    if (start & kExact) return start & ~kExact;
    uint32_t k = start;
    while (cdf_[k] < u) ++k;
    return k;
  }

 private:
  static constexpr size_t kMaxSteps = size_t{1} << 15;  // 128 KiB: stays in L2
  static constexpr uint32_t kExact = 0x80000000;
  std::vector<double> cdf_;
  std::vector<uint32_t> start_;
  size_t steps_ = 1;
};

// Walker's alias tables for the same Zipf law: O(1) per draw, for the issues' own
// streams (descriptions and comments), which need not replay the peers' draws. A draw
// takes a uniform rank k and keeps it when the next 32 random bits are below k's
// threshold, else takes k's alias (WordTable::AppendDrawn draws this way).
class AliasZipf {
 public:
  AliasZipf(size_t n, double s) : entries_(n) {
    std::vector<double> p(n);
    double sum = 0;
    for (size_t k = 0; k < n; ++k) sum += p[k] = 1.0 / std::pow(static_cast<double>(k + 1), s);
    std::vector<uint32_t> small, large;
    for (size_t k = 0; k < n; ++k) {
      p[k] = p[k] * static_cast<double>(n) / sum;
      entries_[k] = {kAlways, static_cast<uint32_t>(k)};
      (p[k] < 1.0 ? small : large).push_back(static_cast<uint32_t>(k));
    }
    while (!small.empty() && !large.empty()) {
      const uint32_t l = small.back(), g = large.back();
      small.pop_back();
      entries_[l] = {static_cast<uint32_t>(p[l] * 4294967296.0), g};
      p[g] -= 1.0 - p[l];
      if (p[g] < 1.0) {
        large.pop_back();
        small.push_back(g);
      }
    }
    // What is left keeps its own rank always (its alias is itself).
  }
  size_t size() const { return entries_.size(); }
  uint32_t threshold(size_t k) const { return entries_[k].threshold; }
  uint32_t alias(size_t k) const { return entries_[k].alias; }

 private:
  static constexpr uint32_t kAlways = 0xFFFFFFFF;
  struct Entry {
    uint32_t threshold;  // keep rank k when the low 32 random bits are below this
    uint32_t alias;
  };
  std::vector<Entry> entries_;
};

const char* const kSeedWords[] = {
    "fix",         "error",        "update",        "add",        "page",
    "login",       "user",         "api",           "support",    "issue",
    "remove",      "crash",        "when",          "the",        "on",
    "in",          "for",          "with",          "not",        "working",
    "button",      "report",       "dashboard",     "search",     "failed",
    "timeout",     "mobile",       "android",       "ios",        "payment",
    "invoice",     "customer",     "request",       "access",     "permission",
    "email",       "notification", "export",        "import",     "sync",
    "database",    "migration",    "upgrade",       "config",     "setting",
    "build",       "deploy",       "release",       "test",       "flaky",
    "performance", "slow",         "memory",        "leak",       "null",
    "pointer",     "exception",    "broken",        "link",       "missing",
    "translation", "layout",       "style",         "css",        "header",
    "footer",      "menu",         "form",          "field",      "validation",
    "date",        "time",         "zone",          "filter",     "sort",
    "pagination",  "upload",       "download",      "file",       "image",
    "video",       "cache",        "session",       "token",      "auth",
    "sso",         "oauth",        "password",      "reset",      "account",
    "billing",     "plan",         "subscription",  "trial",      "license",
    "audit",       "log",          "logging",       "metrics",    "alert",
    "monitoring",  "backup",       "restore",       "server",     "client",
    "browser",     "chrome",       "firefox",       "safari",     "edge",
    "window",      "modal",        "dialog",        "tooltip",    "icon",
    "color",       "theme",        "dark",          "mode",       "accessibility",
    "keyboard",    "shortcut",     "drag",          "drop",       "table",
    "column",      "row",          "cell",          "chart",      "graph",
    "widget",      "panel",        "sidebar",       "navigation", "route",
    "redirect",    "url",          "query",         "index",      "schema",
    "model",       "service",      "worker",        "queue",      "job",
    "cron",        "schedule",     "retry",         "webhook",    "integration",
    "slack",       "jira",         "confluence",    "github",     "pipeline",
    "docker",      "kubernetes",   "cluster",       "node",       "pod",
    "network",     "latency",      "dns",           "ssl",        "certificate",
    "proxy",       "gateway",      "load",          "balancer",   "storage",
    "bucket",      "quota",        "limit",         "rate",       "throttle",
    "spam",        "security",     "vulnerability", "cve",        "patch",
    "hotfix",      "regression",   "refactor",      "cleanup",    "documentation",
    "onboarding",  "tutorial",     "wizard",        "template",   "workflow",
    "transition",  "status",       "priority",      "assignee",   "comment",
    "attachment",  "watcher",      "sprint",        "board",      "backlog",
    "epic",        "story",        "task",          "bug"};

const char* const kTypes[] = {"Epic", "Story", "Task", "Bug", "Sub-task"};
const double kTypeWeights[] = {0.05, 0.35, 0.25, 0.15, 0.20};
const char* const kTodo[] = {"Open", "To Do", "Backlog", "Selected for Development"};
const double kTodoWeights[] = {0.30, 0.35, 0.30, 0.05};
const char* const kProgress[] = {"In Progress", "In Review", "Waiting for Customer"};
const double kProgressWeights[] = {0.60, 0.25, 0.15};
const char* const kDone[] = {"Done", "Closed", "Resolved"};
const double kDoneWeights[] = {0.70, 0.20, 0.10};
const char* const kResolutions[] = {"Done", "Fixed", "Won't Do", "Duplicate", "Cannot Reproduce"};
const double kResolutionWeights[] = {0.70, 0.08, 0.10, 0.07, 0.05};
const char* const kPriorities[] = {"Highest", "High", "Medium", "Low", "Lowest"};
const double kPriorityWeights[] = {0.05, 0.20, 0.50, 0.17, 0.08};
const char* const kProjectTypes[] = {"software", "service_desk", "business", "product_discovery"};
const double kProjectTypeWeights[] = {0.85, 0.08, 0.05, 0.02};

struct Universe {
  std::vector<std::string> words;
  std::vector<std::string> labels;
  std::vector<int> user_rank;  // Zipf rank -> user
  std::vector<int> rank_to_project;
  struct Project {
    std::string key;
    int type = 0;
    std::vector<std::string> components;
    int64_t seq = 0;
    std::vector<int64_t> ring;
    size_t ring_pos = 0;
  };
  std::vector<Project> projects;
  Zipf project_zipf{kProjects, 1.0}, user_zipf{kUsers, 0.8}, label_zipf{kLabels, 1.0},
      word_zipf{kWords, 1.0};
};

// Everything gen_issues sets up before its first issue, in its order of draws.
void BuildUniverse(Rng& rng, Universe& u) {
  std::set<std::string> seen;
  for (const char* w : kSeedWords) {
    if (seen.insert(w).second) u.words.push_back(w);
  }
  const char* C[] = {"b",  "c",  "d",  "f",  "g",  "h",  "j",  "k",  "l",  "m",  "n",
                     "p",  "r",  "s",  "t",  "v",  "w",  "z",  "br", "ch", "cl", "cr",
                     "dr", "fl", "gr", "pl", "pr", "sh", "st", "th", "tr"};
  const char* V[] = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"};
  const char* E[] = {"", "", "", "n", "r", "s", "t", "l", "x", "ng", "st", "m"};
  while (static_cast<int>(u.words.size()) < kWords) {
    const int ns = 2 + static_cast<int>(rng.Below(3));
    std::string w;
    for (int i = 0; i < ns; i++) {
      w += C[rng.Below(31)];
      w += V[rng.Below(10)];
    }
    w += E[rng.Below(12)];
    if (seen.insert(w).second) u.words.push_back(w);
  }
  for (int i = 0; i < kLabels; i++) u.labels.push_back("lbl-" + u.words[kWords - 1 - i * 7]);
  u.user_rank.resize(kUsers);
  for (int i = 0; i < kUsers; i++) u.user_rank[i] = i;
  for (int i = kUsers - 1; i > 0; i--) std::swap(u.user_rank[i], u.user_rank[rng.Below(i + 1)]);
  u.projects.resize(kProjects);
  u.rank_to_project.resize(kProjects);
  for (int i = 0; i < kProjects; i++) u.rank_to_project[i] = i;
  for (int i = kProjects - 1; i > 0; i--)
    std::swap(u.rank_to_project[i], u.rank_to_project[rng.Below(i + 1)]);
  for (int p = 0; p < kProjects; p++) {
    char k[4] = {static_cast<char>('A' + (p / 676) % 26), static_cast<char>('A' + (p / 26) % 26),
                 static_cast<char>('A' + p % 26), 0};
    u.projects[p].key = std::string("P") + k;
    u.projects[p].type = rng.Pick(kProjectTypeWeights, 4);
    const int nc = 2 + static_cast<int>(rng.Below(11));
    for (int c = 0; c < nc; c++)
      u.projects[p].components.push_back("comp-" + u.words[200 + rng.Below(5000)]);
  }
}

std::string UserName(int u) {
  char b[16];
  std::snprintf(b, sizeof b, "u%05d", u + 1);
  return b;
}

// The vocabulary packed tight for the text drawn word by word: 4 bytes per word
// (offset and length) over one run of characters instead of a 32-byte std::string
// each, so more of the random word lookups hit the core's cache. Each word is stored
// with the space after it, so a sentence is built from fixed 32-byte copies, each
// advancing by its word's length, with no branch or call per word.
class WordTable {
 public:
  static constexpr size_t kCopy = 32;  // a word and its space fit one copy

  WordTable() = default;
  // `law` draws the words of sentences (AppendDrawn); it must cover the vocabulary.
  WordTable(const std::vector<std::string>& words, const AliasZipf& law) {
    for (const std::string& w : words) {
      if (w.size() >= kCopy) std::abort();  // the vocabulary is ours: words are short
      entries_.push_back(static_cast<uint32_t>(chars_.size()) << 8 |
                         static_cast<uint32_t>(w.size()));
      chars_ += w;
      chars_ += ' ';
    }
    chars_.append(kCopy, ' ');  // the last word's copy reads past it
    if (law.size() != words.size()) std::abort();
    for (size_t k = 0; k < law.size(); ++k)
      draws_.push_back({law.threshold(k), entries_[k], entries_[law.alias(k)]});
  }

  // Appends `count` words joined by spaces; rank(i) is the i-th word's rank.
  void Append(std::string& out, int count, auto rank) const {
    AppendEntries(out, count, [&](int i) { return entries_[rank(i)]; });
  }

  // Appends `count` words drawn from `rng` by the law given at construction (an alias
  // draw, as AliasZipf describes), with one table read per word instead of two (the
  // alias table's, then the word's), since both candidates' words sit in the draw's entry.
  void AppendDrawn(std::string& out, int count, Rng& rng) const {
    AppendEntries(out, count, [&](int) {
      const uint64_t r = rng.Next();
      const auto k = static_cast<uint32_t>(((r >> 32) * draws_.size()) >> 32);
      const Draw& d = draws_[k];
      return static_cast<uint32_t>(r) < d.threshold ? d.word : d.alias_word;
    });
  }

 private:
  struct Draw {
    uint32_t threshold;   // the alias law's: keep rank k below it
    uint32_t word;        // rank k's entry
    uint32_t alias_word;  // its alias's entry
  };

  void AppendEntries(std::string& out, int count, auto entry) const {
    if (count <= 0) return;
    const size_t start = out.size();
    out.resize(start + static_cast<size_t>(count) * kCopy);
    char* p = out.data() + start;
    for (int i = 0; i < count; ++i) {
      const uint32_t e = entry(i);
      std::memcpy(p, chars_.data() + (e >> 8), kCopy);
      p += (e & 0xFF) + 1;
    }
    out.resize(static_cast<size_t>(p - out.data()) - 1);  // no space after the last word
  }

  std::string chars_;
  std::vector<uint32_t> entries_;  // rank -> offset << 8 | length
  std::vector<Draw> draws_;
};

// What the peers' stream decides for one issue (their draws, in their order), and
// where the issue's own stream stands for everything else.
struct BaseIssue {
  int64_t id = 0, number = 0, created = 0, updated = 0, resolved = kNoTime, parent = 0;
  int64_t link_other = 0;  // 0: no link
  uint64_t own = 0;        // the issue's own stream, where the base stage left it
  Code status = kNoCode, fix_version = kNoCode, affected_version = kNoCode;
  Code labels[3] = {}, components[2] = {}, sprints[2] = {};
  uint16_t project = 0, assignee = 0, reporter = 0, words[12] = {};
  uint8_t type = 0, cat = 0, priority = 0, link_type = 0;
  uint8_t label_count = 0, component_count = 0, sprint_count = 0, word_count = 0;
  int8_t resolution = -1;
  bool has_assignee = false, archived = false, link_outward = false;
};

// Issues travel through the pipeline in chunks; a slot's rows keep their allocations
// from one chunk to the next.
struct Chunk {
  int64_t first_id = 0;
  size_t count = 0;
  std::vector<BaseIssue> base;
  IssueRow row;  // scratch, reused issue after issue
  IssueStoreBuilder::Batch rows;
};

constexpr size_t kChunkIssues = 4096, kChunkSlots = 8;

// Three stages, so both cores draw:
//  1. Base, in issue order: the peers' stream (it must replay gen_issues draw for
//     draw) into compact BaseIssue records, plus whatever needs state that changes
//     from issue to issue: the project's recent issues (links) and the catalog
//     entries met for the first time (versions, components, sprints, labels are
//     interned here, so their codes never depend on thread timing).
//  2. Complete: everything else, from a stream of the issue's own (seeded by seed and
//     id), packed into a builder batch; chunks complete in parallel.
//  3. Commit, in issue order: each chunk's batch is appended to the builder.
class Generator {
 public:
  explicit Generator(const GenerateOptions& options)
      : options_(options),
        base_(options.seed),
        extra_(options.seed ^ 0x5EEDF00DCAFEBABEULL),
        issue_salt_(Mix(options.seed ^ 0x1550E5EEDULL)) {}

  StatusOr<IssueStore> Run(const std::function<void(size_t)>& progress) {
    BuildUniverse(base_, u_);
    word_table_ = WordTable(u_.words, AliasZipf(kWords, 1.0));
    SetUpCatalog();
    const auto issues = static_cast<size_t>(options_.issues);
    builder_.Reserve(issues, static_cast<size_t>(options_.history_per_issue * 1.3) + 1,
                     options_.long_text ? 160 : 0);
    std::vector<Chunk> slots(kChunkSlots);
    size_t made = 0;
    const int workers = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
    internal::RunOrderedPipeline((issues + kChunkIssues - 1) / kChunkIssues, slots, workers,
                                 [&](size_t k, Chunk& chunk) {
                                   chunk.first_id = static_cast<int64_t>(k * kChunkIssues) + 1;
                                   chunk.count = std::min(kChunkIssues, issues - k * kChunkIssues);
                                   chunk.base.resize(chunk.count);
                                   for (size_t i = 0; i < chunk.count; ++i)
                                     Base(chunk.first_id + static_cast<int64_t>(i), chunk.base[i]);
                                 },
                                 [&](size_t, Chunk& chunk) {
                                   for (size_t i = 0; i < chunk.count; ++i) {
                                     Complete(chunk.base[i], chunk.row);
                                     chunk.rows.Add(chunk.row);
                                   }
                                 },
                                 [&](size_t, Chunk& chunk) {
                                   builder_.Append(chunk.rows);
                                   made += chunk.count;
                                   if (progress) progress(made);
                                 });
    internal::AssignVersionOrder(catalog());
    for (Code v = 0; v < catalog().versions.size(); ++v) {
      jql::Version& version = catalog().versions.mutable_item(v);
      version.released = version.release_date < kNow;
    }
    return builder_.Build();
  }

 private:
  Catalog& catalog() { return builder_.catalog(); }

  void SetUpCatalog() {
    Catalog& c = catalog();
    const char* first[] = {"Ada",  "Ben", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana",
                           "Ivan", "Jun", "Kofi", "Lena", "Mira", "Nils",   "Olga",  "Priya"};
    const char* last[] = {"Lovelace", "Okafor", "Schmidt", "Tanaka", "Garcia", "Novak",
                          "Silva",    "Kim",    "Haddad",  "Larsen", "Rossi",  "Ivanova"};
    for (int i = 0; i < kUsers; ++i) {
      User user;
      user.account_id = UserName(i);
      user.display_name =
          std::string(first[i % 16]) + " " + last[(i / 16) % 12] + " " + std::to_string(i + 1);
      user.email = user.account_id + "@example.com";
      user.active = extra_.U01() >= 0.05;
      c.AddUser(std::move(user));
    }
    const char* categories[] = {"Platform",       "Payments",         "Mobile",
                                "Internal Tools", "Customer Success", "Research"};
    for (int p = 0; p < kProjects; ++p) {
      Project project;
      project.id = p + 1;  // as the peers' generator numbers them, so their CSV matches
      project.key = u_.projects[p].key;
      project.name = "Project " + project.key;
      project.type = *ParseProjectType(kProjectTypes[u_.projects[p].type]);
      project.category = categories[p % 6];
      project.lead = static_cast<Code>(extra_.Below(kUsers));
      c.AddProject(std::move(project));
    }
    for (int t = 0; t < 5; ++t) {
      IssueType type;
      type.id = 10000 + t;
      type.name = kTypes[t];
      type.subtask = t == 4;
      type.hierarchy_level = t == 0 ? 1 : t == 4 ? -1 : 0;
      type_[t] = c.issue_types.Add(type, type.id, type.name);
    }
    int64_t status_id = 1;
    auto add_status = [&](const char* name, StatusCategory category) {
      IssueStatus s;
      s.id = status_id++;
      s.name = name;
      s.category = category;
      return c.statuses.Add(s, s.id, name);
    };
    for (int i = 0; i < 4; ++i) todo_[i] = add_status(kTodo[i], StatusCategory::kToDo);
    for (int i = 0; i < 3; ++i)
      progress_[i] = add_status(kProgress[i], StatusCategory::kInProgress);
    for (int i = 0; i < 3; ++i) done_[i] = add_status(kDone[i], StatusCategory::kDone);
    for (int i = 0; i < 5; ++i) {
      Resolution r;
      r.id = 10000 + i;
      r.name = kResolutions[i];
      resolution_[i] = c.resolutions.Add(r, r.id, r.name);
    }
    for (int i = 0; i < 5; ++i) priority_[i] = c.InternPriority(kPriorities[i]);
    const char* link_types[][3] = {{"Blocks", "blocks", "is blocked by"},
                                   {"Relates", "relates to", "relates to"},
                                   {"Duplicate", "duplicates", "is duplicated by"},
                                   {"Cloners", "clones", "is cloned by"}};
    for (int i = 0; i < 4; ++i) {
      LinkType t;
      t.id = 10000 + i;
      t.name = link_types[i][0];
      t.outward = link_types[i][1];
      t.inward = link_types[i][2];
      link_type_[i] = c.link_types.Add(t, t.id, t.name);
      c.link_types.IndexName(link_type_[i], t.outward);
      c.link_types.IndexName(link_type_[i], t.inward);
    }
    auto add_group = [&](const char* name, int from, int to, int step) {
      Group g;
      g.name = name;
      for (int i = from; i < to; i += step) g.members.push_back(static_cast<Code>(i));
      c.groups.Add(std::move(g), 0, name);
    };
    add_group("jira-users", 0, kUsers, 1);
    add_group("jira-software-users", 0, 4000, 1);
    add_group("developers", 0, kUsers, 3);
    add_group("service-desk-agents", 4000, 4300, 1);
    add_group("administrators", 0, 20, 1);
    auto add_field = [&](int64_t id, const char* name, CustomFieldType type,
                         std::vector<std::string> options) {
      CustomField f;
      f.id = id;
      f.name = name;
      f.type = type;
      f.options = std::move(options);
      const Code code = c.custom_fields.Add(std::move(f), id, name);
      c.custom_fields.IndexName(code, "customfield_" + std::to_string(id));
      return code;
    };
    story_points_ = add_field(10016, "Story Points", CustomFieldType::kNumber, {});
    team_ = add_field(10021, "Team", CustomFieldType::kSelect,
                      {"Atlas", "Borealis", "Comet", "Delta", "Ember", "Fjord", "Granite", "Helix",
                       "Ion", "Juniper", "Kestrel", "Lumen"});
    start_date_ = add_field(10015, "Start date", CustomFieldType::kDate, {});
    severity_ = add_field(10030, "Severity", CustomFieldType::kSelect, {"S1", "S2", "S3", "S4"});
    customer_tags_ = add_field(10040, "Customer Tags", CustomFieldType::kLabels,
                               {"enterprise", "smb", "trial", "partner", "education", "nonprofit"});
    root_cause_ = add_field(10050, "Root Cause", CustomFieldType::kText, {});
  }

  void AppendSentence(std::string& out, Rng& x, int words) const {
    word_table_.AppendDrawn(out, words, x);
  }

  // Per-project entities are interned once and then found by number, not by name:
  // a small vector per project, indexed by quarter, component or sprint number.
  Code Cached(std::vector<std::vector<Code>>& cache, Code project, int64_t index, auto intern) {
    if (cache.size() <= project) cache.resize(static_cast<size_t>(project) + 1);
    std::vector<Code>& slots = cache[project];
    const auto i = static_cast<size_t>(index);
    if (slots.size() <= i) slots.resize(i + 1, kNoCode);
    if (slots[i] == kNoCode) slots[i] = intern();
    return slots[i];
  }

  Code QuarterVersion(Code project, int64_t quarter) {
    return Cached(version_cache_, project, quarter, [&] {
      const std::string name =
          "v" + std::to_string(1 + quarter / 4) + "." + std::to_string(quarter % 4);
      const Code code = catalog().InternVersion(project, name);
      catalog().versions.mutable_item(code).release_date = kT0 + (quarter + 1) * 91 * kDay;
      return code;
    });
  }

  Code Component(Code project, int index) {
    return Cached(component_cache_, project, index, [&] {
      return catalog().InternComponent(project, u_.projects[project].components[index]);
    });
  }

  static int64_t SprintIndex(int64_t time) { return (time - kT0) / (14 * kDay); }

  Code Sprint(Code project, int64_t index) {
    return Cached(sprint_cache_, project, index, [&] {
      const std::string name =
          catalog().projects[project].key + " Sprint " + std::to_string(index + 1);
      const Code code = catalog().InternSprint(name);
      const int64_t begin = kT0 + index * 14 * kDay, end = begin + 14 * kDay;
      catalog().sprints.mutable_item(code).state = end <= kNow     ? SprintState::kClosed
                                                   : begin <= kNow ? SprintState::kActive
                                                                   : SprintState::kFuture;
      return code;
    });
  }

  Code Label(int label) {
    if (label_codes_.empty()) label_codes_.assign(kLabels, kNoCode);
    if (label_codes_[label] == kNoCode)
      label_codes_[label] = catalog().InternLabel(u_.labels[label]);
    return label_codes_[label];
  }

  static int64_t Between(Rng& x, int64_t a, int64_t b) {
    return b <= a ? a : a + static_cast<int64_t>(x.U01() * static_cast<double>(b - a));
  }

  // Stage 1: the peers' draws, in their order.
  void Base(int64_t id, BaseIssue& b) {
    Rng& r = base_;
    const double uu =
        (static_cast<double>(id - 1) + r.U01()) / static_cast<double>(options_.issues);
    const double t = (-1.0 + std::sqrt(1.0 + 8.0 * uu)) / 2.0;
    const int64_t created = kT0 + static_cast<int64_t>(t * static_cast<double>(kSpan));
    const int p = u_.rank_to_project[u_.project_zipf.Sample(r)];
    Universe::Project& P = u_.projects[p];
    int it = r.Pick(kTypeWeights, 5);
    int64_t parent = 0;
    if (it == 4) {
      if (P.ring.empty()) {
        it = 2;
      } else {
        parent = P.ring[r.Below(static_cast<uint32_t>(P.ring.size()))];
      }
    }
    if (it != 4) {
      if (P.ring.size() < 64) {
        P.ring.push_back(id);
      } else {
        P.ring[P.ring_pos] = id;
        P.ring_pos = (P.ring_pos + 1) % 64;
      }
    }
    const double age_days = static_cast<double>(kNow - created) / kDay;
    const double pdone = 0.25 + 0.70 * (1.0 - std::exp(-age_days / 180.0));
    int cat;
    Code status;
    if (r.U01() < pdone) {
      cat = 2;
      status = done_[r.Pick(kDoneWeights, 3)];
    } else if (r.U01() < 0.65) {
      cat = 0;
      status = todo_[r.Pick(kTodoWeights, 4)];
    } else {
      cat = 1;
      status = progress_[r.Pick(kProgressWeights, 3)];
    }
    int64_t resolved = kNoTime, updated;
    if (cat == 2) {
      resolved = created + static_cast<int64_t>(-std::log(1.0 - r.U01()) * 30.0 * kDay);
      if (resolved > kNow) resolved = kNow;
      const double mean = r.U01() < 0.2 ? 200.0 : 5.0;
      updated = resolved + static_cast<int64_t>(-std::log(1.0 - r.U01()) * mean * kDay);
      if (updated > kNow) updated = kNow;
    } else {
      const double w = r.U01();
      updated = created + static_cast<int64_t>(static_cast<double>(kNow - created) * w * w);
    }
    b.priority = static_cast<uint8_t>(r.Pick(kPriorityWeights, 5));
    b.has_assignee = r.U01() >= 0.15;
    b.assignee = static_cast<uint16_t>(u_.user_rank[u_.user_zipf.Sample(r)]);
    b.reporter = static_cast<uint16_t>(u_.user_rank[u_.user_zipf.Sample(r)]);
    const double lu = r.U01();
    const int nl = lu < 0.4 ? 0 : lu < 0.7 ? 1 : lu < 0.9 ? 2 : 3;
    int labels[3], label_count = 0;
    for (int i = 0; i < nl; i++) {
      const int l = static_cast<int>(u_.label_zipf.Sample(r));
      bool dup = false;
      for (int j = 0; j < label_count; j++) dup |= labels[j] == l;
      if (!dup) labels[label_count++] = l;
    }
    const double cu = r.U01();
    const int nc = cu < 0.5 ? 0 : cu < 0.85 ? 1 : 2;
    int components[2], component_count = 0;
    for (int i = 0; i < nc; i++) {
      const int c = static_cast<int>(r.Below(static_cast<uint32_t>(P.components.size())));
      if (component_count == 0 || components[0] != c) components[component_count++] = c;
    }
    const bool has_fix_version = r.U01() < (cat == 2 ? 0.7 : 0.2);
    b.archived = r.U01() < 0.03;
    b.word_count = static_cast<uint8_t>(5 + r.Below(8));
    b.resolution = static_cast<int8_t>(cat == 2 ? r.Pick(kResolutionWeights, 5) : -1);
    for (int i = 0; i < b.word_count; i++)
      b.words[i] = static_cast<uint16_t>(u_.word_zipf.Sample(r));

    b.id = id;
    b.number = ++P.seq;
    b.project = static_cast<uint16_t>(p);
    b.type = static_cast<uint8_t>(it);
    b.cat = static_cast<uint8_t>(cat);
    b.status = status;
    b.created = created;
    b.updated = updated;
    b.resolved = resolved;
    b.parent = parent;
    // The catalog entries, in the order a sequential run meets them.
    const Code project = b.project;
    b.label_count = static_cast<uint8_t>(label_count);
    for (int i = 0; i < label_count; ++i) b.labels[i] = Label(labels[i]);
    b.component_count = static_cast<uint8_t>(component_count);
    for (int i = 0; i < component_count; ++i) b.components[i] = Component(project, components[i]);
    const int64_t quarter = (created - kT0) / (91 * kDay);
    b.fix_version = has_fix_version ? QuarterVersion(project, quarter) : kNoCode;
    // From here on the issue's own stream: a link to an earlier issue of the project
    // (while its ring is at hand), an affected version and sprints (new catalog
    // entries, so interned here in order).
    Rng own(Mix(issue_salt_ + static_cast<uint64_t>(id) * kGolden));
    b.link_other = 0;
    if (!P.ring.empty() && own.U01() < 0.12) {
      const int64_t other = P.ring[own.Below(static_cast<uint32_t>(P.ring.size()))];
      if (other != id) {
        const double k = own.U01();
        b.link_other = other;
        b.link_type = k < 0.45 ? 1 : k < 0.8 ? 0 : k < 0.93 ? 2 : 3;
        b.link_outward = own.U01() < 0.5;
      }
    }
    b.affected_version = kNoCode;
    if (it == 3 && own.U01() < 0.3 && quarter > 0) {
      b.affected_version = QuarterVersion(
          project, quarter - 1 - own.Below(static_cast<uint32_t>(std::min<int64_t>(quarter, 4))));
    }
    b.sprint_count = 0;
    if (P.type == 0 && it != 0 && it != 4 && own.U01() < 0.6) {
      const int64_t sprint = SprintIndex(created);
      b.sprints[b.sprint_count++] = Sprint(project, sprint);
      if (cat != 0 && own.U01() < 0.25) {
        const int64_t next = SprintIndex(std::min(created + 14 * kDay, kNow));
        if (next != sprint) b.sprints[b.sprint_count++] = Sprint(project, next);
      }
    }
    b.own = own.state();
  }

  // Stage 2: the row, from the base record and the issue's own stream. Reads only
  // what no stage changes while the pipeline runs.
  void Complete(const BaseIssue& b, IssueRow& row) const {
    row.Clear();
    Rng x(b.own);
    row.id = b.id;
    row.project = b.project;
    row.number = b.number;
    row.issue_type = type_[b.type];
    row.status = b.status;
    row.resolution = b.resolution >= 0 ? resolution_[b.resolution] : kNoCode;
    row.priority = priority_[b.priority];
    row.assignee = b.has_assignee ? Code{b.assignee} : kNoCode;
    row.reporter = b.reporter;
    row.creator = row.reporter;
    row.created = b.created;
    row.updated = b.updated;
    row.resolved = b.resolved;
    row.parent_id = b.parent;
    row.archived = b.archived;
    row.labels.assign(b.labels, b.labels + b.label_count);
    row.components.assign(b.components, b.components + b.component_count);
    if (b.fix_version != kNoCode) row.fix_versions.push_back(b.fix_version);
    if (b.affected_version != kNoCode) row.affected_versions.push_back(b.affected_version);
    row.sprints.assign(b.sprints, b.sprints + b.sprint_count);
    word_table_.Append(row.summary, b.word_count, [&](int i) { return b.words[i]; });
    if (b.link_other != 0)
      row.links.push_back({link_type_[b.link_type], b.link_other, b.link_outward});
    Extras(row, x, b.type, b.cat, b.project);
    History(row, x, b.cat);
  }

  // What the peers' data leaves out.
  void Extras(IssueRow& row, Rng& x, int type, int cat, int p) const {
    if (options_.long_text) {
      const double d = x.U01();
      const int sentences = d < 0.35 ? 0 : d < 0.75 ? 1 : d < 0.93 ? 2 : 3;
      for (int i = 0; i < sentences; ++i) {
        if (i) row.description += ". ";
        AppendSentence(row.description, x, 6 + static_cast<int>(x.Below(10)));
      }
      const double m = x.U01();
      const int comments = m < 0.5 ? 0 : m < 0.8 ? 1 : m < 0.93 ? 2 : 4;
      for (int i = 0; i < comments; ++i) {
        if (i) row.comments += '\n';
        AppendSentence(row.comments, x, 4 + static_cast<int>(x.Below(14)));
      }
      if (x.U01() < 0.08) {
        const char* browsers[] = {"Chrome", "Firefox", "Safari", "Edge"};
        const char* systems[] = {"Windows 11", "macOS 14", "Ubuntu 22.04", "iOS 17", "Android 14"};
        row.environment = std::string(browsers[x.Below(4)]) + " " +
                          std::to_string(100 + x.Below(30)) + " on " + systems[x.Below(5)];
      }
    }
    const bool software = u_.projects[p].type == 0;
    row.watchers.push_back(row.reporter);
    if (row.assignee != kNoCode && row.assignee != row.reporter)
      row.watchers.push_back(row.assignee);
    if (x.U01() < 0.2) {
      const Code other = static_cast<Code>(x.Below(kUsers));
      if (std::find(row.watchers.begin(), row.watchers.end(), other) == row.watchers.end())
        row.watchers.push_back(other);
    }
    if (x.U01() < 0.1) row.votes = 1 + x.Below(5);
    if (x.U01() < 0.2) {
      const int64_t due = row.created + (1 + x.Below(60)) * kDay;
      row.due = due - due % kDay;
    }
    // Custom fields.
    if (type == 1 && x.U01() < 0.5) {
      const int points[] = {1, 2, 3, 5, 8, 13};
      CustomValue v;
      v.field = story_points_;
      v.number = points[x.Below(6)];
      row.custom.push_back(std::move(v));
    }
    if (software && x.U01() < 0.4) {
      CustomValue v;
      v.field = team_;
      v.integer = x.Below(12);
      row.custom.push_back(std::move(v));
    }
    if (x.U01() < 0.1) {
      CustomValue v;
      v.field = start_date_;
      v.integer = row.created - row.created % kDay + x.Below(10) * kDay;
      row.custom.push_back(std::move(v));
    }
    if (type == 3 && x.U01() < 0.7) {
      CustomValue v;
      v.field = severity_;
      v.integer = x.Below(4);
      row.custom.push_back(std::move(v));
    }
    if (u_.projects[p].type == 1 && x.U01() < 0.5) {
      CustomValue v;
      v.field = customer_tags_;
      v.codes.push_back(x.Below(6));
      if (x.U01() < 0.3) v.codes.push_back(x.Below(6));
      if (v.codes.size() == 2 && v.codes[0] == v.codes[1]) v.codes.pop_back();
      row.custom.push_back(std::move(v));
    }
    if (type == 3 && cat == 2 && options_.long_text && x.U01() < 0.3) {
      CustomValue v;
      v.field = root_cause_;
      AppendSentence(v.text, x, 5 + static_cast<int>(x.Below(8)));
      row.custom.push_back(std::move(v));
    }
  }

  // A history that ends in the row's current values: status moves through its
  // workflow, resolution is set when it is resolved, the assignee passes through
  // earlier hands, and priority and fix version are set along the way.
  void History(IssueRow& row, Rng& x, int cat) const {
    if (options_.history_per_issue <= 0) return;
    std::vector<HistoryItem>& h = row.history;
    const int64_t end = std::max(row.updated, row.created);
    auto author = [&]() -> int64_t {
      const double a = x.U01();
      if (a < 0.5 && row.assignee != kNoCode) return row.assignee;
      if (a < 0.8) return row.reporter;
      return x.Below(kUsers);
    };
    auto add = [&](HistoryField field, int64_t from, int64_t to, int64_t time) {
      h.push_back({field, from, to, time, author()});
    };
    // Status path.
    const Code initial = x.U01() < 0.7 ? todo_[0] : todo_[2];
    Code path[4] = {initial};
    size_t steps = 1;
    if (cat >= 1) path[steps++] = progress_[0];
    if (cat == 2 && x.U01() < 0.4) path[steps++] = progress_[1];
    if (path[steps - 1] != row.status) path[steps++] = row.status;
    const int64_t done_at = row.resolved != kNoTime ? row.resolved : end;
    int64_t when[3];
    for (size_t i = 1; i < steps; ++i) when[i - 1] = Between(x, row.created, done_at);
    std::sort(when, when + (steps - 1));  // a workflow moves forward in time
    if (cat == 2 && steps > 1) when[steps - 2] = done_at;
    for (size_t i = 1; i < steps; ++i)
      add(HistoryField::kStatus, path[i - 1], path[i], when[i - 1]);
    if (row.resolution != kNoCode) add(HistoryField::kResolution, -1, row.resolution, done_at);
    // Extra changes, to reach the average asked for: the assignee's earlier hands.
    const double base = static_cast<double>(h.size()) + 0.5;
    const double extra_mean = std::max(0.0, options_.history_per_issue - base);
    const int hands = static_cast<int>(x.U01() * 2.0 * extra_mean + 0.5);
    if (row.assignee != kNoCode || hands > 0) {
      int64_t previous = x.U01() < 0.5 ? -1 : static_cast<int64_t>(x.Below(kUsers));
      thread_local std::vector<int64_t> times;
      times.clear();
      for (int i = 0; i <= hands; ++i) times.push_back(Between(x, row.created, end));
      std::sort(times.begin(), times.end());
      for (int i = 0; i <= hands; ++i) {
        const int64_t next =
            i == hands ? (row.assignee == kNoCode ? -1 : static_cast<int64_t>(row.assignee))
                       : static_cast<int64_t>(x.Below(kUsers));
        if (next != previous) add(HistoryField::kAssignee, previous, next, times[i]);
        previous = next;
      }
    }
    if (x.U01() < 0.12) {
      const int64_t from = priority_[x.Below(5)];
      if (from != row.priority)
        add(HistoryField::kPriority, from, row.priority, Between(x, row.created, end));
    }
    if (!row.fix_versions.empty())
      add(HistoryField::kFixVersion, -1, row.fix_versions.front(), Between(x, row.created, end));
    // In time order, stable. A history is a handful of changes: insertion sort, where
    // std::stable_sort allocated a buffer for each issue.
    if (h.size() > 32) {
      std::stable_sort(h.begin(), h.end(),
                       [](const HistoryItem& a, const HistoryItem& b) { return a.time < b.time; });
      return;
    }
    for (size_t i = 1; i < h.size(); ++i) {
      const HistoryItem item = h[i];
      size_t j = i;
      for (; j > 0 && h[j - 1].time > item.time; --j) h[j] = h[j - 1];
      h[j] = item;
    }
  }

  const GenerateOptions options_;
  Rng base_;
  Rng extra_;  // the catalog's own draws (active users, project leads)
  const uint64_t issue_salt_;
  Universe u_;
  IssueStoreBuilder builder_;
  Code type_[5] = {}, todo_[4] = {}, progress_[3] = {}, done_[3] = {}, resolution_[5] = {},
       priority_[5] = {};
  Code link_type_[4] = {};
  Code story_points_ = kNoCode, team_ = kNoCode, start_date_ = kNoCode, severity_ = kNoCode,
       customer_tags_ = kNoCode, root_cause_ = kNoCode;
  std::vector<Code> label_codes_;
  std::vector<std::vector<Code>> version_cache_, component_cache_, sprint_cache_;
  WordTable word_table_;
};

}  // namespace

StatusOr<IssueStore> GenerateIssueStore(const GenerateOptions& options,
                                        const std::function<void(size_t)>& progress) {
  if (options.issues < 0 || options.issues > (int64_t{1} << 32) - 2) {
    return InvalidArgument("the number of issues must be between 0 and 4,294,967,294");
  }
  return Generator(options).Run(progress);
}

std::string GeneratedParamsJson(const GenerateOptions& options) {
  Rng rng(options.seed);
  Universe u;
  BuildUniverse(rng, u);
  const int ranks[3] = {100, 200, 300};
  int wr = 300;
  while (u.words[wr].size() < 7) wr++;
  char buffer[2048];
  std::snprintf(
      buffer, sizeof buffer,
      "{\n  \"n\": %lld,\n  \"seed\": %llu,\n  \"now_ms\": %lld,\n"
      "  \"q1_project_keys\": [\"%s\", \"%s\", \"%s\"],\n  \"q1_project_ids\": [%d, %d, %d],\n"
      "  \"q1_updated_before_ms\": %lld,\n  \"q2_resolved_before_ms\": %lld,\n"
      "  \"q3_labels\": [\"%s\", \"%s\"],\n  \"q4_word\": \"%s\",\n  \"q4_word_rank\": %d,\n"
      "  \"q5_created_before_ms\": %lld,\n  \"limit\": 100000\n}\n",
      static_cast<long long>(options.issues), static_cast<unsigned long long>(options.seed),
      static_cast<long long>(kNow), u.projects[u.rank_to_project[ranks[0]]].key.c_str(),
      u.projects[u.rank_to_project[ranks[1]]].key.c_str(),
      u.projects[u.rank_to_project[ranks[2]]].key.c_str(), u.rank_to_project[ranks[0]] + 1,
      u.rank_to_project[ranks[1]] + 1, u.rank_to_project[ranks[2]] + 1,
      static_cast<long long>(kNow - 365 * kDay), 1640995200000LL, u.labels[10].c_str(),
      u.labels[40].c_str(), u.words[wr].c_str(), wr, static_cast<long long>(kNow - 730 * kDay));
  return buffer;
}

}  // namespace jql
