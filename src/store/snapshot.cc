// Snapshot layout: a 64-byte header (magic, version, payload size, payload checksum),
// then the payload: scalars and strings 8-byte aligned, column buffers 64-byte aligned
// so a mapped file can serve them in place. Writing and reading share one description
// of the layout (the Io functions), so the two cannot drift apart.
#include "jql/snapshot.h"

#include "jql/fields.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <type_traits>

#include "checksum.h"

namespace jql {

// Reads the layout into a store; a friend of IssueStore.
class SnapshotReader;

namespace {

constexpr size_t kHeaderSize = 64;

std::string ErrnoText() { return std::strerror(errno); }

// For the save of a store given up: gives each column buffer's memory back once both
// walks that read it (the write and the checksum) are past it, so the file's page cache
// takes the pages the store no longer needs instead of fresh ones. Buffers are numbered
// in walk order; one whose memory another buffer shares is never given back.
class BufferReleaser {
 public:
  // The buffers as the counting walk met them.
  explicit BufferReleaser(const std::vector<const uint8_t*>& buffers)
      : passes_(buffers.size()), shared_(buffers.size(), false) {
    std::vector<std::pair<const uint8_t*, size_t>> by_address;
    for (size_t i = 0; i < buffers.size(); ++i) by_address.emplace_back(buffers[i], i);
    std::sort(by_address.begin(), by_address.end());
    for (size_t i = 1; i < by_address.size(); ++i) {
      if (by_address[i].first == by_address[i - 1].first) {
        shared_[by_address[i].second] = shared_[by_address[i - 1].second] = true;
      }
    }
  }
  // Buffer `index` has been read by one more walk; the second walk gives it back.
  void Passed(size_t index, const Buffer& buffer) {
    if (index >= passes_.size() || shared_[index]) return;
    if (passes_[index].fetch_add(1, std::memory_order_acq_rel) == 1) buffer.Release();
  }

 private:
  std::vector<std::atomic<uint8_t>> passes_;
  std::vector<bool> shared_;
};

// Walks the store's bytes in file order for one of three passes: counting them, taking
// their checksum, or writing them to a file.
class Writer {
 public:
  static constexpr bool kReading = false;
  enum Pass { kCount, kChecksum, kWrite };
  explicit Writer(Pass pass, std::FILE* file = nullptr, BufferReleaser* releaser = nullptr)
      : pass_(pass), file_(file), releaser_(releaser) {}

  void Raw(const void* data, size_t size) {
    if (size == 0 || !ok_) return;
    if (pass_ == kWrite && std::fwrite(data, 1, size, file_) != size) ok_ = false;
    if (pass_ == kChecksum) checksum_.Update(data, size);
    offset_ += size;
  }
  void Pad(size_t alignment) {
    static const uint8_t kZeros[64] = {};
    const size_t rem = (kHeaderSize + offset_) % alignment;
    if (rem != 0) Raw(kZeros, alignment - rem);
  }
  template <typename T>
  requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void operator()(T& value) {
    uint64_t word = 0;
    std::memcpy(&word, &value, sizeof value);
    Raw(&word, 8);
  }
  void operator()(std::string& s) {
    uint64_t size = s.size();
    (*this)(size);
    Raw(s.data(), s.size());
    Pad(8);
  }
  void operator()(Buffer& b) {
    uint64_t size = b.size();
    (*this)(size);
    Pad(64);
    Raw(b.data(), b.size());
    Pad(8);
    if (pass_ == kCount) buffers_.push_back(b.data());
    if (releaser_ != nullptr) releaser_->Passed(buffer_index_, b);
    ++buffer_index_;
    if (progress_ != nullptr && *progress_) (*progress_)(offset_, progress_total_);
  }
  // The writing pass reports its bytes after each column (of `total`).
  void ReportTo(const std::function<void(size_t, size_t)>* progress, size_t total) {
    progress_ = progress;
    progress_total_ = total;
  }

  bool ok() const { return ok_; }
  uint64_t size() const { return offset_; }
  uint64_t checksum() const { return checksum_.Finish(); }
  const std::vector<const uint8_t*>& buffers() const { return buffers_; }  // kCount

 private:
  Pass pass_;
  std::FILE* file_;
  BufferReleaser* releaser_;
  std::vector<const uint8_t*> buffers_;
  size_t buffer_index_ = 0;
  internal::Checksum checksum_;
  uint64_t offset_ = 0;
  bool ok_ = true;
  const std::function<void(size_t, size_t)>* progress_ = nullptr;
  size_t progress_total_ = 0;
};

class Reader {
 public:
  static constexpr bool kReading = true;
  Reader(const uint8_t* base, size_t size, std::shared_ptr<const void> owner)
      : base_(base), size_(size), owner_(std::move(owner)) {}

  bool Take(size_t size, const uint8_t** out) {
    if (!ok_ || size > size_ - pos_) {
      ok_ = false;
      return false;
    }
    *out = base_ + pos_;
    pos_ += size;
    return true;
  }
  void Pad(size_t alignment) {
    const size_t rem = pos_ % alignment;
    const uint8_t* ignored;
    if (rem != 0) Take(alignment - rem, &ignored);
  }
  template <typename T>
  requires std::is_arithmetic_v<T> || std::is_enum_v<T>
  void operator()(T& value) {
    const uint8_t* p;
    if (!Take(8, &p)) return;
    if constexpr (std::is_same_v<T, bool>) {
      // Only 0 and 1 are booleans; anything else is a corrupt file, not a value.
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word > 1) ok_ = false;
      value = word == 1;
    } else {
      std::memcpy(&value, p, sizeof value);
    }
  }
  void operator()(std::string& s) {
    uint64_t size = 0;
    (*this)(size);
    const uint8_t* p;
    if (Take(size, &p)) s.assign(reinterpret_cast<const char*>(p), size);
    Pad(8);
  }
  void operator()(Buffer& b) {
    uint64_t size = 0;
    (*this)(size);
    Pad(64);
    const uint8_t* p;
    // Empty buffers get padded heap bytes, so loads from them never leave memory.
    if (Take(size, &p)) b = size == 0 ? Buffer::Allocate(0) : Buffer::View(p, size, owner_);
    Pad(8);
  }
  // Bounds for counts read from the file, so a corrupt count cannot ask for the moon.
  bool Plausible(uint64_t count, size_t min_bytes_each) {
    if (count > (size_ - pos_) / std::max<size_t>(min_bytes_each, 1) + 1) ok_ = false;
    return ok_;
  }

  bool ok() const { return ok_; }

 private:
  const uint8_t* base_;  // the payload
  size_t size_;
  size_t pos_ = 0;
  std::shared_ptr<const void> owner_;
  bool ok_ = true;
};

template <typename Ar>
void Io(Ar& ar, PackedInts& p) {
  int64_t base = p.base();
  int64_t step = p.step();
  uint8_t width = p.width();
  uint64_t size = p.size();
  Buffer data = p.buffer();
  ar(base);
  ar(step);
  ar(width);
  ar(size);
  ar(data);
  if constexpr (Ar::kReading) {
    if (width > 8 || step < 1 || data.size() != size * width) {
      ar.Plausible(UINT64_MAX, 1);  // marks the file corrupt
      return;
    }
    p = PackedInts(std::move(data), size, base, step, width);
  }
}

template <typename Ar>
void Io(Ar& ar, Bitmap& b) {
  uint64_t size = b.size();
  Buffer words = b.buffer();
  ar(size);
  ar(words);
  if constexpr (Ar::kReading) {
    if (!words.empty() && words.size() != (size + 63) / 64 * 8) {
      ar.Plausible(UINT64_MAX, 1);
      return;
    }
    b = Bitmap(std::move(words), size);
  }
}

template <typename Ar>
void Io(Ar& ar, IntColumn& c) {
  Io(ar, c.values);
  Io(ar, c.valid);
}

template <typename Ar>
void Io(Ar& ar, MultiColumn& m) {
  Buffer counts = m.counts();
  Buffer starts = m.block_starts();
  PackedInts codes = m.codes();
  std::vector<std::pair<uint32_t, uint32_t>> overflow = m.overflow();
  uint64_t rows = m.rows();
  uint64_t n = overflow.size();
  ar(rows);
  ar(counts);
  ar(starts);
  Io(ar, codes);
  ar(n);
  if constexpr (Ar::kReading) {
    if (!ar.Plausible(n, 16)) return;
    overflow.resize(n);
  }
  for (auto& [row, count] : overflow) {
    ar(row);
    ar(count);
  }
  if constexpr (Ar::kReading) {
    if (counts.size() != rows ||
        starts.size() != (rows + MultiColumn::kBlock - 1) / MultiColumn::kBlock * 8) {
      ar.Plausible(UINT64_MAX, 1);
      return;
    }
    m = MultiColumn(std::move(counts), std::move(starts), std::move(codes), std::move(overflow),
                    rows);
  }
}

template <typename Ar>
void Io(Ar& ar, TextColumn& t) {
  PackedInts offsets = t.offsets();
  Buffer chars = t.chars();
  Io(ar, offsets);
  ar(chars);
  if constexpr (Ar::kReading) t = TextColumn(std::move(offsets), std::move(chars));
}

// Vectors of plain entities: the count, then each element through `each`.
template <typename Ar, typename T, typename Each>
void IoVector(Ar& ar, std::vector<T>& items, Each each) {
  uint64_t n = items.size();
  ar(n);
  if constexpr (Ar::kReading) {
    if (!ar.Plausible(n, 8)) return;
    items.resize(n);
  }
  for (T& item : items) each(item);
}

// Adds entities read back from a file, indexed by their id and name.
template <typename T>
void AddAll(EntityTable<T>& table, std::vector<T>& items) {
  for (T& item : items) {
    const int64_t id = item.id;
    const std::string name = item.name;
    table.Add(std::move(item), id, name);
  }
}

template <typename Ar>
void IoCatalog(Ar& ar, Catalog& catalog) {
  // Written from the tables, read into plain vectors and added back, so every index
  // (by id, name, key, account) is rebuilt exactly as the builder made it.
  std::vector<Project> projects;
  std::vector<IssueType> types;
  std::vector<IssueStatus> statuses;
  std::vector<Priority> priorities;
  std::vector<Resolution> resolutions;
  std::vector<User> users;
  std::vector<Group> groups;
  std::vector<Version> versions;
  std::vector<Component> components;
  std::vector<Sprint> sprints;
  std::vector<LinkType> link_types;
  std::vector<CustomField> custom_fields;
  std::vector<std::string> labels;
  if constexpr (!Ar::kReading) {
    projects = catalog.projects.items();
    types = catalog.issue_types.items();
    statuses = catalog.statuses.items();
    priorities = catalog.priorities.items();
    resolutions = catalog.resolutions.items();
    users = catalog.users.items();
    groups = catalog.groups.items();
    versions = catalog.versions.items();
    components = catalog.components.items();
    sprints = catalog.sprints.items();
    link_types = catalog.link_types.items();
    custom_fields = catalog.custom_fields.items();
    labels = catalog.labels.items();
  }
  IoVector(ar, projects, [&](Project& p) {
    ar(p.id);
    ar(p.key);
    ar(p.name);
    ar(p.type);
    ar(p.category);
    ar(p.lead);
    ar(p.archived);
    IoVector(ar, p.former_keys, [&](std::string& k) { ar(k); });
  });
  IoVector(ar, types, [&](IssueType& t) {
    ar(t.id);
    ar(t.name);
    ar(t.subtask);
    ar(t.hierarchy_level);
  });
  IoVector(ar, statuses, [&](IssueStatus& s) {
    ar(s.id);
    ar(s.name);
    ar(s.category);
  });
  IoVector(ar, priorities, [&](Priority& p) {
    ar(p.id);
    ar(p.name);
    ar(p.sequence);
  });
  IoVector(ar, resolutions, [&](Resolution& r) {
    ar(r.id);
    ar(r.name);
  });
  IoVector(ar, users, [&](User& u) {
    ar(u.account_id);
    ar(u.display_name);
    ar(u.email);
    ar(u.active);
  });
  IoVector(ar, groups, [&](Group& g) {
    ar(g.name);
    IoVector(ar, g.members, [&](Code& c) { ar(c); });
  });
  IoVector(ar, versions, [&](Version& v) {
    ar(v.id);
    ar(v.project);
    ar(v.name);
    ar(v.sequence);
    ar(v.released);
    ar(v.release_date);
  });
  IoVector(ar, components, [&](Component& c) {
    ar(c.id);
    ar(c.project);
    ar(c.name);
    ar(c.lead);
  });
  IoVector(ar, sprints, [&](Sprint& s) {
    ar(s.id);
    ar(s.name);
    ar(s.state);
  });
  IoVector(ar, link_types, [&](LinkType& t) {
    ar(t.id);
    ar(t.name);
    ar(t.outward);
    ar(t.inward);
  });
  IoVector(ar, custom_fields, [&](CustomField& f) {
    ar(f.id);
    ar(f.name);
    ar(f.type);
    IoVector(ar, f.options, [&](std::string& o) { ar(o); });
  });
  IoVector(ar, labels, [&](std::string& l) { ar(l); });
  if constexpr (Ar::kReading) {
    if (!ar.ok()) return;
    for (Project& p : projects) catalog.AddProject(std::move(p));
    AddAll(catalog.issue_types, types);
    AddAll(catalog.statuses, statuses);
    AddAll(catalog.priorities, priorities);
    AddAll(catalog.resolutions, resolutions);
    for (User& u : users) catalog.AddUser(std::move(u));
    for (Group& g : groups) {
      const std::string n = g.name;
      catalog.groups.Add(std::move(g), 0, n);
    }
    AddAll(catalog.versions, versions);
    AddAll(catalog.components, components);
    AddAll(catalog.sprints, sprints);
    for (LinkType& t : link_types) {
      const auto id = t.id;
      const std::string n = t.name, in = t.inward, out = t.outward;
      const Code code = catalog.link_types.Add(std::move(t), id, n);
      catalog.link_types.IndexName(code, in);
      catalog.link_types.IndexName(code, out);
    }
    for (CustomField& f : custom_fields) {
      const auto id = f.id;
      const std::string n = f.name;
      const Code code = catalog.custom_fields.Add(std::move(f), id, n);
      catalog.custom_fields.IndexName(code, "customfield_" + std::to_string(id));
    }
    for (std::string& l : labels) catalog.InternLabel(l);
  }
}

}  // namespace

namespace {
// Whether every value lies in [lo, hi], without walking a column of constant values
// (width 0), whose length costs no bytes and so is not bounded by the file's size.
bool AllInRange(const PackedInts& p, int64_t lo, int64_t hi) {
  if (p.size() == 0) return true;
  if (p.width() == 0) return p.base() >= lo && p.base() <= hi;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p.Get(i) < lo || p.Get(i) > hi) return false;
  }
  return true;
}
}  // namespace

class SnapshotReader {
 public:
  // Before a save: the archived state as of now, which every walk of the save writes,
  // so that the bytes counted, checksummed and written are the same even if an
  // archive change lands meanwhile.
  void CaptureArchived(const IssueStore& store) {
    std::vector<bool> bits(store.rows_);
    for (size_t r = 0; r < store.rows_; ++r) bits[r] = store.IsArchived(r);
    archived_ = Bitmap::FromBools(bits);
  }

  template <typename Ar>
  void IoStore(Ar& ar, IssueStore& store) {
    uint64_t rows = store.rows_;
    ar(rows);
    store.rows_ = rows;
    IoCatalog(ar, *store.catalog_);
    IssueColumns& c = store.columns_;
    for (IntColumn* column : {&c.id, &c.project, &c.number, &c.issue_type, &c.status, &c.resolution,
                              &c.priority, &c.assignee, &c.reporter, &c.created, &c.updated,
                              &c.resolved, &c.due, &c.parent, &c.votes}) {
      Io(ar, *column);
    }
    bool creator_is_reporter =
        c.creator.values.buffer().data() == c.reporter.values.buffer().data();
    ar(creator_is_reporter);
    if (creator_is_reporter) {
      if constexpr (Ar::kReading) c.creator = c.reporter;
    } else {
      Io(ar, c.creator);
    }
    for (MultiColumn* column : {&c.labels, &c.components, &c.fix_versions, &c.affected_versions,
                                &c.sprints, &c.watchers}) {
      Io(ar, *column);
    }
    IoVector(ar, c.custom, [&](CustomColumn& custom) {
      ar(custom.field);
      Io(ar, custom.ints);
      ar(custom.scale);
      Io(ar, custom.multi);
      Io(ar, custom.text);
    });
    for (TextColumn* text : {&store.text_.summary, &store.text_.description,
                             &store.text_.environment, &store.text_.comments}) {
      Io(ar, *text);
    }
    History& h = store.history_;
    for (PackedInts* p : {&h.row_begin, &h.field, &h.from, &h.to, &h.time, &h.author}) Io(ar, *p);
    Links& l = store.links_;
    for (PackedInts* p : {&l.row_begin, &l.other, &l.type}) Io(ar, *p);
    Io(ar, l.outward);
    // The lookup orders, saved so a load does not sort again.
    for (std::vector<uint32_t>* order :
         {&store.key_order_, &store.project_begin_, &store.id_order_}) {
      IoVector(ar, *order, [&](uint32_t& v) { ar(v); });
    }
    // The archived state as of the save.
    Bitmap archived;
    if constexpr (!Ar::kReading) archived = archived_;  // as CaptureArchived took it
    Io(ar, archived);
    // A zero trailer: detects truncation, and lets 8-byte loads at the end of the last
    // column stay inside the mapping.
    for (int i = 0; i < 8; ++i) {
      uint64_t zero = 0;
      ar(zero);
      if constexpr (Ar::kReading) {
        if (zero != 0) ar.Plausible(UINT64_MAX, 1);
      }
    }
    if constexpr (Ar::kReading) {
      archived_ = std::move(archived);
    }
  }

  // After Consistent: the archived state as saved.
  void Finish(IssueStore& store) {
    store.AllocateArchivedState();
    std::vector<uint32_t> set;
    for (size_t r = 0; r < store.rows_ && r < archived_.size(); ++r) {
      if (archived_.Get(r)) set.push_back(static_cast<uint32_t>(r));
    }
    store.SetArchived(set, true);
  }

  // Checks what later reads rely on, so that a corrupt file saved with a valid
  // checksum (or loaded without one) cannot send a read out of bounds.
  Status Consistent(const IssueStore& store) const {
    const IssueColumns& c = store.columns_;
    const size_t rows = store.rows_;
    if (rows >= (size_t{1} << 32)) return DataLoss("it claims " + std::to_string(rows) + " rows");
    // The key order holds 8 bytes per row in the file, so this bounds every loop below
    // by the file's size (packed columns of constant values take no bytes at all).
    if (store.key_order_.size() != rows)
      return DataLoss("the lookup orders do not cover every row");
    for (const IntColumn* column : {&c.id, &c.project, &c.number}) {
      if (column->values.size() != rows)
        return DataLoss("the id, project and key columns do not cover every row");
    }
    // Every column a field reads, once (several fields may read one column).
    std::vector<const IntColumn*> ints;
    std::vector<const MultiColumn*> multis;
    std::vector<const TextColumn*> texts = AllTextColumns(store);
    for (const FieldDescriptor& f : SystemFields()) {
      const IntColumn* i = IntColumnOf(store, f.column);
      const MultiColumn* m = MultiColumnOf(store, f.column);
      if (i != nullptr && std::find(ints.begin(), ints.end(), i) == ints.end()) ints.push_back(i);
      if (m != nullptr && std::find(multis.begin(), multis.end(), m) == multis.end())
        multis.push_back(m);
    }
    for (const CustomColumn& custom : c.custom) {
      ints.push_back(&custom.ints);
      multis.push_back(&custom.multi);
    }
    for (const IntColumn* column : ints) {
      if (column->present() && column->values.size() != rows)
        return DataLoss("a column does not cover every row");
      if (!column->valid.empty() && column->valid.size() != rows)
        return DataLoss("a validity bitmap does not cover every row");
    }
    // Every multi-valued and text column must add up row by row: reads trust them.
    for (const MultiColumn* m : multis) {
      if (m->present() && (m->rows() != rows || !m->Consistent())) {
        return DataLoss("a multi-valued column does not add up");
      }
    }
    for (const TextColumn* t : texts) {
      if (t->present() && (t->rows() != rows || !t->Consistent()))
        return DataLoss("a text column does not add up");
    }
    const Catalog& cat = *store.catalog_;
    // Enumerations are indexes elsewhere: they must be in range.
    for (const Project& p : cat.projects.items()) {
      if (p.type > ProjectType::kProductDiscovery) return DataLoss("a project has an unknown type");
    }
    for (const IssueStatus& st : cat.statuses.items()) {
      if (st.category > StatusCategory::kDone) return DataLoss("a status has an unknown category");
    }
    for (const Sprint& sp : cat.sprints.items()) {
      if (sp.state > SprintState::kClosed) return DataLoss("a sprint has an unknown state");
    }
    for (const CustomField& f : cat.custom_fields.items()) {
      if (f.type > CustomFieldType::kVersion) return DataLoss("a custom field has an unknown type");
    }
    for (const CustomColumn& custom : c.custom) {
      if (custom.field >= cat.custom_fields.size() || custom.scale < 1)
        return DataLoss("a custom column is malformed");
    }
    if (!AllInRange(store.history_.field, 0, static_cast<int64_t>(HistoryField::kFixVersion))) {
      return DataLoss("a change names an unknown field");
    }
    auto codes_fit = [&](const PackedInts& p, size_t table) {
      return table > 0 && AllInRange(p, 0, static_cast<int64_t>(table) - 1);
    };
    // Codes index their field's dictionary (the project column is checked row by row
    // below, with a message naming the row).
    auto codes_fit_field = [&](const FieldDescriptor& f, int custom, const CustomField* def) {
      if (f.dictionary == Dictionary::kNone || f.column == ColumnId::kProject) return true;
      const size_t table = DictionarySize(cat, f.dictionary, def);
      const IntColumn* i = IntColumnOf(store, f.column, custom);
      const MultiColumn* m = MultiColumnOf(store, f.column, custom);
      return !(i != nullptr && i->present() && !codes_fit(i->values, table)) &&
             !(m != nullptr && m->present() && !codes_fit(m->codes(), table));
    };
    for (const FieldDescriptor& f : SystemFields()) {
      if (!codes_fit_field(f, -1, nullptr))
        return DataLoss("a column names an entity the catalog does not have");
    }
    for (size_t i = 0; i < c.custom.size(); ++i) {
      const CustomField& def = cat.custom_fields[c.custom[i].field];
      if (!codes_fit_field(CustomFieldKind(def.type), static_cast<int>(i), &def))
        return DataLoss("a custom column names an option the field does not have");
    }
    const size_t projects = store.catalog_->projects.size();
    for (size_t r = 0; r < rows; ++r) {
      if (static_cast<uint64_t>(c.project.values.Get(r)) >= projects) {
        return DataLoss("row " + std::to_string(r) + " names a project the catalog does not have");
      }
      if (c.parent.IsValid(r) && static_cast<uint64_t>(c.parent.values.Get(r)) >= rows) {
        return DataLoss("row " + std::to_string(r) + " has a parent outside the data");
      }
    }
    const History& h = store.history_;
    auto ascending = [](const PackedInts& p) {
      for (size_t i = 1; i < p.size(); ++i) {
        if (p.Get(i) < p.Get(i - 1)) return false;
      }
      return p.size() == 0 || p.Get(0) >= 0;
    };
    if (h.row_begin.size() != rows + 1 || h.row_begin.Get(0) != 0 ||
        static_cast<uint64_t>(h.row_begin.Get(rows)) != h.items() || !ascending(h.row_begin)) {
      return DataLoss("the history does not add up");
    }
    for (const PackedInts* p : {&h.from, &h.to, &h.time, &h.author}) {
      if (p->size() != h.items()) return DataLoss("the history does not add up");
    }
    // The lookup orders: permutations of the rows, and project ranges within them.
    if (store.key_order_.size() != rows ||
        (!store.id_order_.empty() && store.id_order_.size() != rows) ||
        store.project_begin_.size() != store.catalog_->projects.size() + 1) {
      return DataLoss("the lookup orders do not cover every row");
    }
    for (const std::vector<uint32_t>* order : {&store.key_order_, &store.id_order_}) {
      std::vector<bool> seen(order->empty() ? 0 : rows);
      for (uint32_t row : *order) {
        if (row >= rows || seen[row])
          return DataLoss("a lookup order is not a permutation of the rows");
        seen[row] = true;
      }
    }
    for (size_t p = 0; p + 1 < store.project_begin_.size(); ++p) {
      if (store.project_begin_[p] > store.project_begin_[p + 1] ||
          store.project_begin_[p + 1] > rows) {
        return DataLoss("the project ranges do not add up");
      }
    }
    const Links& l = store.links_;
    if (l.row_begin.size() != rows + 1 ||
        static_cast<uint64_t>(l.row_begin.Get(rows)) != l.other.size() ||
        l.type.size() != l.other.size() || !ascending(l.row_begin) ||
        (!l.outward.empty() && l.outward.size() != l.other.size())) {
      return DataLoss("the links do not add up");
    }
    if (l.other.size() > 0 &&
        (rows == 0 || !AllInRange(l.other, 0, static_cast<int64_t>(rows) - 1))) {
      return DataLoss("a link points outside the data");
    }
    return Status::Ok();
  }

  static IssueStore Empty() { return IssueStore(); }

 private:
  Bitmap archived_;
};

namespace {

Status Save(const IssueStore& store, const std::string& path, const SnapshotSaveOptions& options,
            const SnapshotProgress& progress, bool give_back) {
  const std::string temp = path + ".tmp";
  std::FILE* file = std::fopen(temp.c_str(), "wb");
  if (file == nullptr)
    return Status(StatusCode::kNotFound, "cannot write " + temp + ": " + ErrnoText());
  static thread_local char buffer[1 << 20];
  std::setvbuf(file, buffer, _IOFBF, sizeof buffer);
  // The whole file's blocks are allocated first: a full disk is found before gigabytes
  // are written, and writing into allocated blocks costs the kernel less than
  // reserving them page by page (4 GB: 2.6-3.4 s instead of 3.8-3.9 s on this VM).
  IssueStore& walked = const_cast<IssueStore&>(store);  // a writing walk only reads it
  SnapshotReader layout;
  layout.CaptureArchived(store);
  Writer sizer(Writer::kCount);
  layout.IoStore(sizer, walked);
  if (::fallocate(::fileno(file), 0, 0, static_cast<off_t>(kHeaderSize + sizer.size())) != 0 &&
      errno == ENOSPC) {
    const std::string error = ErrnoText();
    std::fclose(file);
    std::remove(temp.c_str());
    return Status(StatusCode::kInternal, "cannot write snapshot " + path + ": " + error);
  }
  uint8_t header[kHeaderSize] = {};
  std::fwrite(header, 1, kHeaderSize, file);
  // The checksum is taken on a second thread while this one writes the same bytes: the
  // writing is the kernel's copy into the page cache, the checksum a pass over memory,
  // and otherwise a core would sit idle.
  std::optional<BufferReleaser> releaser;
  if (give_back) releaser.emplace(sizer.buffers());
  BufferReleaser* const release = releaser ? &*releaser : nullptr;
  Writer summer(Writer::kChecksum, nullptr, release);
  std::jthread checksum_thread([&] { layout.IoStore(summer, walked); });  // joins if we throw
  Writer writer(Writer::kWrite, file, release);
  writer.ReportTo(&progress, sizer.size());
  layout.IoStore(writer, walked);
  checksum_thread.join();
  std::memcpy(header, kSnapshotMagic, 8);
  const uint32_t version = kSnapshotVersion;
  std::memcpy(header + 8, &version, 4);
  const uint64_t size = writer.size(), checksum = summer.checksum();
  std::memcpy(header + 16, &size, 8);
  std::memcpy(header + 24, &checksum, 8);
  bool ok = writer.ok() && std::fseek(file, 0, SEEK_SET) == 0 &&
            std::fwrite(header, 1, kHeaderSize, file) == kHeaderSize && std::fflush(file) == 0 &&
            (!options.sync || ::fsync(::fileno(file)) == 0);
  ok = std::fclose(file) == 0 && ok;
  // ext4 flushes a file renamed over another one (its guard for programs that forgot
  // to fsync), which would make an unsynced save wait for the disk after all; an
  // unsynced save removes the old file first, once the new one is complete.
  if (ok && !options.sync) std::remove(path.c_str());
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string error = ErrnoText();
    std::remove(temp.c_str());
    return Status(StatusCode::kInternal, "cannot write snapshot " + path + ": " + error);
  }
  return Status::Ok();
}

}  // namespace

Status SaveSnapshot(const IssueStore& store, const std::string& path,
                    const SnapshotSaveOptions& options, const SnapshotProgress& progress) {
  return Save(store, path, options, progress, /*give_back=*/false);
}

Status SaveSnapshot(IssueStore&& store, const std::string& path, const SnapshotSaveOptions& options,
                    const SnapshotProgress& progress) {
  const IssueStore given_up = std::move(store);  // freed on return, whatever happens
  return Save(given_up, path, options, progress, /*give_back=*/true);
}

bool LooksLikeSnapshot(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  char magic[8] = {};
  const bool ok = std::fread(magic, 1, 8, file) == 8 && std::memcmp(magic, kSnapshotMagic, 7) == 0;
  std::fclose(file);
  return ok;
}

namespace {
struct Mapping {
  void* data = MAP_FAILED;
  size_t size = 0;
  ~Mapping() {
    if (data != MAP_FAILED) ::munmap(data, size);
  }
};

// The store laid out in a payload that `owner` keeps alive, checked for consistency.
StatusOr<IssueStore> ParseSnapshot(const uint8_t* payload, size_t size,
                                   std::shared_ptr<const void> owner, const std::string& path) {
  try {
    Reader reader(payload, size, std::move(owner));
    IssueStore store = SnapshotReader::Empty();
    SnapshotReader snapshot;
    snapshot.IoStore(reader, store);
    if (!reader.ok()) return DataLoss(path + " is corrupt: its layout does not parse");
    if (Status s = snapshot.Consistent(store); !s.ok())
      return DataLoss(path + " is corrupt: " + s.message());
    snapshot.Finish(store);
    return store;
  } catch (const std::exception& e) {
    // e.g. bad_alloc for an absurd count in a file loaded without its checksum.
    return DataLoss(path + " is corrupt: " + e.what());
  }
}

}  // namespace

StatusOr<IssueStore> LoadSnapshot(const std::string& path, const SnapshotLoadOptions& options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound("cannot open snapshot " + path + ": " + ErrnoText());
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return NotFound("cannot read snapshot " + path + ": " + ErrnoText());
  }
  const size_t file_size = static_cast<size_t>(st.st_size);
  if (file_size < kHeaderSize) {
    ::close(fd);
    return DataLoss(path + " is not a jql snapshot (too short for the header)");
  }
  auto mapping = std::make_shared<Mapping>();
  mapping->size = file_size;
  mapping->data = ::mmap(nullptr, file_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (mapping->data == MAP_FAILED)
    return DataLoss("cannot map snapshot " + path + ": " + ErrnoText());
  const auto* bytes = static_cast<const uint8_t*>(mapping->data);
  if (std::memcmp(bytes, kSnapshotMagic, 7) != 0)
    return DataLoss(path + " is not a jql snapshot (wrong magic)");
  uint32_t version;
  std::memcpy(&version, bytes + 8, 4);
  if (bytes[7] != kSnapshotMagic[7] || version != kSnapshotVersion) {
    return DataLoss(path + " is a jql snapshot of version " + std::to_string(version) +
                    "; this build reads version " + std::to_string(kSnapshotVersion));
  }
  uint64_t payload, checksum;
  std::memcpy(&payload, bytes + 16, 8);
  std::memcpy(&checksum, bytes + 24, 8);
  if (payload != file_size - kHeaderSize) {
    return DataLoss(path + " is truncated or padded: the header promises " +
                    std::to_string(payload) + " bytes of data, the file holds " +
                    std::to_string(file_size - kHeaderSize));
  }
  // The checksum is taken on a second thread while this one parses and checks the
  // layout (10M issues: 1.0 s of the load each); the parse is safe on any bytes, since
  // files are also loaded without their checksum. A file whose checksum does not match
  // is refused for that, whatever the parse found.
  uint64_t computed = checksum;  // stays equal when the checksum is not verified
  std::jthread verifier;
  if (options.verify_checksum) {
    verifier = std::jthread([&computed, bytes, payload] {
      internal::Checksum sum;
      sum.Update(bytes + kHeaderSize, payload);
      computed = sum.Finish();
    });
  }
  StatusOr<IssueStore> parsed = ParseSnapshot(bytes + kHeaderSize, payload, mapping, path);
  if (verifier.joinable()) verifier.join();
  if (computed != checksum) return DataLoss(path + " is corrupt: its checksum does not match");
  return parsed;
}

}  // namespace jql
