// The catalog tables that coded fields index, by Dictionary.
#include "jql/fields.h"

namespace jql {

size_t DictionarySize(const Catalog& catalog, Dictionary dictionary, const CustomField* custom) {
  switch (dictionary) {
    case Dictionary::kNone:
      return 0;
    case Dictionary::kProjects:
      return catalog.projects.size();
    case Dictionary::kIssueTypes:
      return catalog.issue_types.size();
    case Dictionary::kStatuses:
      return catalog.statuses.size();
    case Dictionary::kResolutions:
      return catalog.resolutions.size();
    case Dictionary::kPriorities:
      return catalog.priorities.size();
    case Dictionary::kUsers:
      return catalog.users.size();
    case Dictionary::kLabels:
      return catalog.labels.size();
    case Dictionary::kComponents:
      return catalog.components.size();
    case Dictionary::kVersions:
      return catalog.versions.size();
    case Dictionary::kSprints:
      return catalog.sprints.size();
    case Dictionary::kOptions:
      return custom != nullptr ? custom->options.size() : 0;
  }
  return 0;
}

std::string_view DictionarySortName(const Catalog& catalog, Dictionary dictionary, Code code) {
  switch (dictionary) {
    case Dictionary::kProjects:
      return catalog.projects[code].key;
    case Dictionary::kUsers:
      return catalog.users[code].display_name;
    case Dictionary::kLabels:
      return catalog.labels[code];
    case Dictionary::kComponents:
      return catalog.components[code].name;
    default:
      return {};
  }
}

std::string_view DictionaryName(const Catalog& catalog, Dictionary dictionary, Code code,
                                const CustomField* custom) {
  switch (dictionary) {
    case Dictionary::kProjects:
      return catalog.projects[code].name;
    case Dictionary::kIssueTypes:
      return catalog.issue_types[code].name;
    case Dictionary::kStatuses:
      return catalog.statuses[code].name;
    case Dictionary::kResolutions:
      return catalog.resolutions[code].name;
    case Dictionary::kPriorities:
      return catalog.priorities[code].name;
    case Dictionary::kUsers:
      return catalog.users[code].display_name;
    case Dictionary::kLabels:
      return catalog.labels[code];
    case Dictionary::kComponents:
      return catalog.components[code].name;
    case Dictionary::kVersions:
      return catalog.versions[code].name;
    case Dictionary::kSprints:
      return catalog.sprints[code].name;
    case Dictionary::kOptions:
      return custom != nullptr ? std::string_view(custom->options[code]) : std::string_view();
    case Dictionary::kNone:
      return {};
  }
  return {};
}

int64_t DictionaryId(const Catalog& catalog, Dictionary dictionary, Code code) {
  switch (dictionary) {
    case Dictionary::kProjects:
      return catalog.projects[code].id;
    case Dictionary::kIssueTypes:
      return catalog.issue_types[code].id;
    case Dictionary::kStatuses:
      return catalog.statuses[code].id;
    case Dictionary::kResolutions:
      return catalog.resolutions[code].id;
    case Dictionary::kPriorities:
      return catalog.priorities[code].id;
    case Dictionary::kComponents:
      return catalog.components[code].id;
    case Dictionary::kVersions:
      return catalog.versions[code].id;
    case Dictionary::kSprints:
      return catalog.sprints[code].id;
    default:
      return 0;
  }
}

}  // namespace jql
