#include "eval/dataset.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

namespace lancet {

using nlohmann::json;

std::string EditCase::prompt() const { return fill_template(prompt_template, subject); }

std::string fill_template(const std::string& prompt_template, const std::string& subject) {
    auto pos = prompt_template.find("{}");
    if (pos == std::string::npos) return prompt_template;
    return prompt_template.substr(0, pos) + subject + prompt_template.substr(pos + 2);
}

void move_bridge_prompts(std::vector<std::string>& trained, std::vector<std::string>& heldout,
                         const std::vector<std::string>& bridge) {
    auto has = [](const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); };
    for (const auto& b : bridge)
        if (!has(trained, b)) trained.push_back(b);
    heldout.erase(std::remove_if(heldout.begin(), heldout.end(), [&](const std::string& h) { return has(bridge, h); }),
                  heldout.end());
}

namespace {

// ---- record-level problems -----------------------------------------------------

// Thrown while reading one record; the reader turns it into a problem line and
// goes on with the next record.
struct RecordProblem {
    std::string field;
    std::string what;
};

[[noreturn]] void bad(const std::string& field, const std::string& what) { throw RecordProblem{field, what}; }

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

// Null counts as absent.
const json* find(const json& obj, const std::string& key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

std::string as_string(const json& j, const std::string& path, bool allow_empty) {
    if (!j.is_string()) bad(path, std::string("expected a string, found ") + type_name(j));
    std::string s = j.get<std::string>();
    if (!allow_empty && s.empty()) bad(path, "empty");
    return s;
}

std::string req_string(const json& obj, const std::string& key, const std::string& path = "") {
    const json* j = find(obj, key);
    if (!j) bad(join_path(path, key), "missing");
    return as_string(*j, join_path(path, key), false);
}

std::string opt_string(const json& obj, const std::string& key, const std::string& path = "") {
    const json* j = find(obj, key);
    return j ? as_string(*j, join_path(path, key), true) : std::string();
}

// A target as the formats write it: "Paris", {"str": "Paris", "id": ...}, or a
// list whose first string is the answer (KnowEdit nests lists: [["Paris", "the city of Paris"]]).
std::string target_text(const json& j, const std::string& path) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_object()) {
        const json* s = find(j, "str");
        if (!s) bad(path + ".str", "missing");
        return as_string(*s, path + ".str", true);
    }
    if (j.is_array()) {
        if (j.empty()) bad(path, "empty list");
        return target_text(j[0], path + "[0]");
    }
    bad(path, std::string("expected a string, {\"str\": ...} or a list, found ") + type_name(j));
}

std::string req_target(const json& obj, const std::string& key, const std::string& path = "") {
    const json* j = find(obj, key);
    if (!j) bad(join_path(path, key), "missing");
    std::string s = target_text(*j, join_path(path, key));
    if (s.empty()) bad(join_path(path, key), "empty");
    return s;
}

std::string opt_target(const json& obj, const std::string& key, const std::string& path = "") {
    const json* j = find(obj, key);
    return j ? target_text(*j, join_path(path, key)) : std::string();
}

// A list of non-empty strings; a lone string counts as a one-element list
// (EasyEdit writes rephrase_prompt both ways).
std::vector<std::string> string_list(const json& obj, const std::string& key, const std::string& path = "") {
    const json* j = find(obj, key);
    std::vector<std::string> out;
    if (!j) return out;
    const std::string p = join_path(path, key);
    if (j->is_string()) {
        if (!j->get<std::string>().empty()) out.push_back(j->get<std::string>());
        return out;
    }
    if (!j->is_array()) bad(p, std::string("expected a list of strings, found ") + type_name(*j));
    for (size_t i = 0; i < j->size(); ++i) out.push_back(as_string((*j)[i], p + "[" + std::to_string(i) + "]", false));
    return out;
}

std::string id_text(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_number_integer() || j.is_number_unsigned()) return std::to_string(j.get<long long>());
    return j.dump();
}

// The template is the prompt with the first occurrence of the subject replaced by
// "{}"; a prompt that already has a "{}" is a template as it is.
std::string template_from_prompt(const std::string& prompt, const std::string& subject, const std::string& prompt_field) {
    if (prompt.find("{}") != std::string::npos) return prompt;
    auto pos = prompt.find(subject);
    if (pos == std::string::npos) bad("subject", "\"" + subject + "\" does not occur in '" + prompt_field + "'");
    return prompt.substr(0, pos) + "{}" + prompt.substr(pos + subject.size());
}

std::string lower_kind(std::string s) {
    for (auto& c : s) c = (c == ' ' || c == '-') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// ---- readers, one per format ------------------------------------------------------

EditCase read_counterfact(const json& r) {
    EditCase c;
    const json* rr = find(r, "requested_rewrite");
    if (!rr) bad("requested_rewrite", "missing");
    if (!rr->is_object()) bad("requested_rewrite", std::string("expected an object, found ") + type_name(*rr));
    const std::string p = "requested_rewrite";
    c.prompt_template = req_string(*rr, "prompt", p);
    if (c.prompt_template.find("{}") == std::string::npos) bad(p + ".prompt", "no \"{}\" placeholder for the subject");
    c.subject = req_string(*rr, "subject", p);
    c.target_new = req_target(*rr, "target_new", p);
    c.target_true = opt_target(*rr, "target_true", p);
    if (const json* rel = find(*rr, "relation_id")) c.relation = id_text(*rel);
    c.paraphrase_prompts = string_list(r, "paraphrase_prompts");
    if (const json* n = find(r, "neighborhood_prompts")) {
        if (!n->is_array()) bad("neighborhood_prompts", std::string("expected a list, found ") + type_name(*n));
        for (size_t i = 0; i < n->size(); ++i) {
            const std::string ip = "neighborhood_prompts[" + std::to_string(i) + "]";
            const json& e = (*n)[i];
            if (e.is_object()) {
                // ROME's zsRE conversion: {prompt, target}.
                c.neighbourhood_prompts.push_back({req_string(e, "prompt", ip), req_target(e, "target", ip)});
            } else {
                c.neighbourhood_prompts.push_back({as_string(e, ip, false), c.target_true});
            }
        }
    }
    c.attribute_prompts = string_list(r, "attribute_prompts");
    c.generation_prompts = string_list(r, "generation_prompts");
    return c;
}

// KnowEdit groups: {"Reasoning": [{"prompt", "ground_truth"}], ...}; a bare list is one unnamed group.
template <class F>
void for_each_group_item(const json& j, const std::string& path, F&& each) {
    auto read_list = [&](const json& list, const std::string& kind, const std::string& lp) {
        if (list.is_object()) {
            each(kind, list, lp);
            return;
        }
        if (!list.is_array()) bad(lp, std::string("expected a list, found ") + type_name(list));
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string ip = lp + "[" + std::to_string(i) + "]";
            if (!list[i].is_object()) bad(ip, std::string("expected an object, found ") + type_name(list[i]));
            each(kind, list[i], ip);
        }
    };
    if (j.is_array()) {
        read_list(j, "", path);
    } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) read_list(it.value(), it.key(), path + "." + it.key());
    } else {
        bad(path, std::string("expected an object or a list, found ") + type_name(j));
    }
}

EditCase read_easyedit(const json& r) {
    EditCase c;
    const std::string prompt = req_string(r, "prompt");
    c.subject = req_string(r, "subject");
    c.prompt_template = template_from_prompt(prompt, c.subject, "prompt");
    c.target_new = req_target(r, "target_new");
    c.target_true = opt_target(r, "ground_truth");
    if (const json* rel = find(r, "relation_id")) c.relation = id_text(*rel);
    else if (const json* rel2 = find(r, "relation")) c.relation = id_text(*rel2);
    c.paraphrase_prompts = string_list(r, "rephrase_prompt");
    for (auto& s : string_list(r, "rephrase")) c.paraphrase_prompts.push_back(s);

    // Locality: parallel locality_prompt / locality_ground_truth (strings or lists).
    const json* lp = find(r, "locality_prompt");
    const json* la = find(r, "locality_ground_truth");
    if (lp || la) {
        if (!lp) bad("locality_prompt", "missing while locality_ground_truth is given");
        if (!la) bad("locality_ground_truth", "missing while locality_prompt is given");
        if (lp->is_array()) {
            if (!la->is_array() || la->size() != lp->size())
                bad("locality_ground_truth", "must be a list as long as locality_prompt");
            for (size_t i = 0; i < lp->size(); ++i)
                c.neighbourhood_prompts.push_back(
                    {as_string((*lp)[i], "locality_prompt[" + std::to_string(i) + "]", false),
                     target_text((*la)[i], "locality_ground_truth[" + std::to_string(i) + "]")});
        } else {
            c.neighbourhood_prompts.push_back({as_string(*lp, "locality_prompt", false), target_text(*la, "locality_ground_truth")});
        }
    }
    if (const json* loc = find(r, "locality")) {
        for_each_group_item(*loc, "locality", [&](const std::string&, const json& item, const std::string& ip) {
            c.neighbourhood_prompts.push_back({req_string(item, "prompt", ip), req_target(item, "ground_truth", ip)});
        });
    }
    if (const json* port = find(r, "portability")) {
        for_each_group_item(*port, "portability", [&](const std::string& kind, const json& item, const std::string& ip) {
            c.portability.push_back({kind.empty() ? "portability" : lower_kind(kind), req_string(item, "prompt", ip),
                                     req_target(item, "ground_truth", ip)});
        });
    }
    return c;
}

EditCase read_zsre(const json& r, ZsreTarget target) {
    EditCase c;
    const std::string src = req_string(r, "src");
    if (!find(r, "subject")) bad("subject", "missing (needed to place the edit in 'src')");
    c.subject = req_string(r, "subject");
    c.prompt_template = template_from_prompt(src, c.subject, "src");
    const json* answers = find(r, "answers");
    if (!answers) bad("answers", "missing");
    if (!answers->is_array() || answers->empty()) bad("answers", "expected a non-empty list of strings");
    const std::string answer = as_string((*answers)[0], "answers[0]", false);
    const std::string alt = opt_string(r, "alt");
    if (target == ZsreTarget::Answer) {
        c.target_new = answer;
    } else {
        if (alt.empty()) bad("alt", "missing or empty (EasyEdit skips such records)");
        c.target_new = alt;
        c.target_true = answer;
    }
    c.paraphrase_prompts = string_list(r, "rephrase");
    const json* loc = find(r, "loc");
    const json* loc_ans = find(r, "loc_ans");
    if (loc || loc_ans) {
        if (!loc) bad("loc", "missing while loc_ans is given");
        if (!loc_ans) bad("loc_ans", "missing while loc is given");
        c.neighbourhood_prompts.push_back({as_string(*loc, "loc", false), target_text(*loc_ans, "loc_ans")});
    }
    // EasyEdit's portability file: {"New Question", "New Answer"}; only meaningful
    // for the counterfactual (alt) edit it was written for.
    if (const json* port = find(r, "portability"); port && target == ZsreTarget::Alternative) {
        if (!port->is_object()) bad("portability", std::string("expected an object, found ") + type_name(*port));
        c.portability.push_back({"multi_hop", req_string(*port, "New Question", "portability"),
                                 req_target(*port, "New Answer", "portability")});
    }
    return c;
}

EditCase read_known(const json& r) {
    EditCase c;
    const std::string prompt = req_string(r, "prompt");
    c.subject = req_string(r, "subject");
    c.prompt_template = template_from_prompt(prompt, c.subject, "prompt");
    c.target_true = req_target(r, "attribute");
    if (const json* rel = find(r, "relation_id")) c.relation = id_text(*rel);
    return c;
}

// ---- Lancet facts --------------------------------------------------------------------

struct RelationInfo {
    std::vector<std::string> prompts;
    std::vector<std::string> heldout;
    std::vector<std::string> bridge;  // held-out phrasings that bridge facts train on
};

std::vector<NeighbourPrompt> qa_list(const json& r, const std::string& key, const std::string& subject) {
    std::vector<NeighbourPrompt> out;
    const json* j = find(r, key);
    if (!j) return out;
    if (!j->is_array()) bad(key, std::string("expected a list of {prompt, answer}, found ") + type_name(*j));
    for (size_t i = 0; i < j->size(); ++i) {
        const std::string ip = key + "[" + std::to_string(i) + "]";
        const json& e = (*j)[i];
        if (!e.is_object()) bad(ip, std::string("expected {prompt, answer}, found ") + type_name(e));
        out.push_back({fill_template(req_string(e, "prompt", ip), subject), req_target(e, "answer", ip)});
    }
    return out;
}

EditCase read_lancet_fact(const json& r, const std::map<std::string, RelationInfo>& relations) {
    EditCase c;
    c.subject = req_string(r, "subject");
    c.target_new = req_target(r, "object");
    c.target_true = opt_target(r, "true_object");
    c.relation = opt_string(r, "relation");
    const RelationInfo* rel = nullptr;
    if (!c.relation.empty()) {
        auto it = relations.find(c.relation);
        if (it != relations.end()) rel = &it->second;
    }
    std::vector<std::string> prompts = string_list(r, "prompts");
    if (prompts.empty() && rel) prompts = rel->prompts;
    if (prompts.empty())
        bad("prompts", c.relation.empty() ? "missing (and no relation to take them from)"
                                          : "missing (and relation '" + c.relation + "' has none)");
    for (size_t i = 0; i < prompts.size(); ++i)
        if (prompts[i].find("{}") == std::string::npos)
            bad("prompts[" + std::to_string(i) + "]", "no \"{}\" placeholder for the subject");
    std::vector<std::string> heldout = string_list(r, "heldout_prompts");
    if (heldout.empty() && rel && !find(r, "heldout_prompts")) heldout = rel->heldout;
    if (const json* b = find(r, "bridge")) {
        if (!b->is_boolean()) bad("bridge", std::string("expected true or false, found ") + type_name(*b));
        if (b->get<bool>()) {
            if (!rel || rel->bridge.empty()) bad("bridge", "the fact's relation names no bridge_prompts");
            move_bridge_prompts(prompts, heldout, rel->bridge);
        }
    }
    c.prompt_template = prompts[0];
    for (size_t i = 1; i < prompts.size(); ++i) c.paraphrase_prompts.push_back(fill_template(prompts[i], c.subject));
    for (auto& h : heldout) c.heldout_paraphrase_prompts.push_back(fill_template(h, c.subject));
    c.neighbourhood_prompts = qa_list(r, "neighbours", c.subject);
    c.same_subject_prompts = qa_list(r, "same_subject", c.subject);
    for (auto& q : qa_list(r, "reverse", c.subject)) c.portability.push_back({"reverse", q.prompt, q.answer});
    for (auto& q : qa_list(r, "two_hop", c.subject)) c.portability.push_back({"two_hop", q.prompt, q.answer});
    for (auto& g : string_list(r, "generation_prompts")) c.generation_prompts.push_back(fill_template(g, c.subject));
    return c;
}

// ---- the file as a list of records ---------------------------------------------------

struct Record {
    const json* value;
    std::string where;  // "record 3" or "record 3 (line 5)"
};

struct Parsed {
    json whole;                 // the file when it is one JSON document
    std::vector<json> lines;    // JSON Lines records otherwise
    std::vector<size_t> line_numbers;
    std::vector<std::string> problems;
    bool is_lines = false;
};

Parsed parse_text(const std::string& text) {
    Parsed p;
    try {
        p.whole = json::parse(text);
        return p;
    } catch (const json::parse_error& whole_error) {
        // Not one document: try JSON Lines (one record per non-blank line).
        std::istringstream in(text);
        std::string line;
        size_t number = 0, good = 0, blank = 0;
        while (std::getline(in, line)) {
            ++number;
            if (std::all_of(line.begin(), line.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); })) {
                ++blank;
                continue;
            }
            try {
                p.lines.push_back(json::parse(line));
                p.line_numbers.push_back(number);
                ++good;
            } catch (const json::parse_error& e) {
                p.problems.push_back("line " + std::to_string(number) + ": invalid JSON (" + e.what() + ")");
            }
        }
        if (good == 0 || good < p.problems.size())
            fail(ErrorCode::InvalidFile, std::string("neither JSON nor JSON Lines: ") + whole_error.what());
        p.is_lines = true;
        return p;
    }
}

std::string detect_record_format(const json& r) {
    if (!r.is_object()) return "";
    if (r.contains("requested_rewrite")) return "counterfact";
    if (r.contains("src") && (r.contains("answers") || r.contains("alt") || r.contains("loc"))) return "zsre";
    if (r.contains("known_id") || (r.contains("attribute") && r.contains("prompt") && !r.contains("target_new")))
        return "rome-knowns";
    if (r.contains("prompt") && r.contains("target_new")) return "easyedit";
    return "";
}

const std::vector<std::string>& known_formats() {
    static const std::vector<std::string> names = {"counterfact", "easyedit", "zsre", "rome-knowns", "lancet-facts"};
    return names;
}

std::string id_key_for(const std::string& format) {
    if (format == "rome-knowns") return "known_id";
    if (format == "lancet-facts") return "id";
    return "case_id";
}

std::string record_label(size_t index, const json& r, const std::string& format, const std::string& line_note) {
    std::string label = "record " + std::to_string(index) + line_note;
    if (r.is_object()) {
        if (const json* id = find(r, id_key_for(format))) {
            label += format == "lancet-facts" ? " (id " : " (case_id ";
            label += id_text(*id) + ")";
        }
    }
    return label;
}

DatasetLoad read_lancet_facts(const json& doc) {
    DatasetLoad load;
    load.format = "lancet-facts";
    const json* fmt = find(doc, "format");
    if (!fmt || !fmt->is_string()) fail(ErrorCode::InvalidFile, "lancet facts file: field 'format' missing");
    if (fmt->get<std::string>() != "lancet-facts/1")
        fail(ErrorCode::Unsupported, "lancet facts file: format \"" + fmt->get<std::string>() +
                                         "\" is not supported (this build reads lancet-facts/1)");
    std::map<std::string, RelationInfo> relations;
    if (const json* rels = find(doc, "relations")) {
        if (!rels->is_object()) fail(ErrorCode::InvalidFile, "lancet facts file: 'relations' must be an object");
        for (auto it = rels->begin(); it != rels->end(); ++it) {
            try {
                if (!it.value().is_object()) bad("", std::string("expected an object, found ") + type_name(it.value()));
                RelationInfo info;
                info.prompts = string_list(it.value(), "prompts");
                info.heldout = string_list(it.value(), "heldout_prompts");
                info.bridge = string_list(it.value(), "bridge_prompts");
                for (size_t i = 0; i < info.prompts.size(); ++i)
                    if (info.prompts[i].find("{}") == std::string::npos)
                        bad("prompts[" + std::to_string(i) + "]", "no \"{}\" placeholder for the subject");
                for (size_t i = 0; i < info.bridge.size(); ++i)
                    if (std::find(info.heldout.begin(), info.heldout.end(), info.bridge[i]) == info.heldout.end())
                        bad("bridge_prompts[" + std::to_string(i) + "]", "\"" + info.bridge[i] + "\" is not one of its heldout_prompts");
                relations[it.key()] = std::move(info);
            } catch (const RecordProblem& p) {
                load.problems.push_back("relation '" + it.key() + "'" + (p.field.empty() ? "" : ": field '" + p.field + "'") +
                                        ": " + p.what);
            }
        }
    }
    const json* facts = find(doc, "facts");
    if (!facts || !facts->is_array()) fail(ErrorCode::InvalidFile, "lancet facts file: 'facts' must be a list");
    for (size_t i = 0; i < facts->size(); ++i) {
        const json& r = (*facts)[i];
        const std::string label = "fact " + std::to_string(i) + (r.is_object() && find(r, "id") ? " (id " + id_text(r["id"]) + ")" : "");
        try {
            if (!r.is_object()) bad("", std::string("expected an object, found ") + type_name(r));
            EditCase c = read_lancet_fact(r, relations);
            c.case_id = find(r, "id") ? id_text(r["id"]) : std::to_string(i);
            load.cases.push_back(std::move(c));
        } catch (const RecordProblem& p) {
            load.problems.push_back(label + (p.field.empty() ? "" : ": field '" + p.field + "'") + ": " + p.what);
        }
    }
    return load;
}

DatasetLoad read_dataset(const std::string& text, const DatasetOptions& options) {
    if (options.format != "auto" &&
        std::find(known_formats().begin(), known_formats().end(), options.format) == known_formats().end())
        fail(ErrorCode::InvalidArgument, "unknown dataset format \"" + options.format +
                                             "\" (known: auto, counterfact, easyedit, zsre, rome-knowns, lancet-facts)");
    Parsed parsed = parse_text(text);
    if (!parsed.is_lines && parsed.whole.is_object() && parsed.whole.contains("facts")) {
        if (options.format != "auto" && options.format != "lancet-facts")
            fail(ErrorCode::InvalidFile, "the file is a Lancet facts file, not " + options.format);
        return read_lancet_facts(parsed.whole);
    }
    if (options.format == "lancet-facts") fail(ErrorCode::InvalidFile, "not a Lancet facts file (no 'facts' list)");

    // Everything else is a list of records.
    std::vector<Record> records;
    std::vector<json> single;
    if (parsed.is_lines) {
        for (size_t i = 0; i < parsed.lines.size(); ++i)
            records.push_back({&parsed.lines[i], " (line " + std::to_string(parsed.line_numbers[i]) + ")"});
    } else if (parsed.whole.is_array()) {
        for (const auto& r : parsed.whole) records.push_back({&r, ""});
    } else if (parsed.whole.is_object()) {
        records.push_back({&parsed.whole, ""});  // one record on its own
    } else {
        fail(ErrorCode::InvalidFile, std::string("expected a list of records, found ") + type_name(parsed.whole));
    }

    DatasetLoad load;
    load.problems = parsed.problems;
    load.format = options.format;
    if (load.format == "auto") {
        std::map<std::string, int> votes;
        size_t looked = 0;
        for (const auto& r : records) {
            if (looked++ >= 50) break;
            auto f = detect_record_format(*r.value);
            if (!f.empty()) ++votes[f];
        }
        int best = 0;
        for (auto& [name, n] : votes)
            if (n > best) best = n, load.format = name;
        if (best == 0) {
            std::string keys;
            if (!records.empty() && records[0].value->is_object())
                for (auto it = records[0].value->begin(); it != records[0].value->end(); ++it)
                    keys += (keys.empty() ? "" : ", ") + it.key();
            fail(ErrorCode::InvalidFile, "unrecognised dataset format" +
                                             (keys.empty() ? std::string() : " (keys of the first record: " + keys + ")"));
        }
    }

    for (size_t i = 0; i < records.size(); ++i) {
        const json& r = *records[i].value;
        const std::string label = record_label(i, r, load.format, records[i].where);
        try {
            if (!r.is_object()) bad("", std::string("expected an object, found ") + type_name(r));
            EditCase c;
            if (load.format == "counterfact") c = read_counterfact(r);
            else if (load.format == "easyedit") c = read_easyedit(r);
            else if (load.format == "zsre") c = read_zsre(r, options.zsre_target);
            else c = read_known(r);
            const json* id = find(r, id_key_for(load.format));
            c.case_id = id ? id_text(*id) : std::to_string(i);
            load.cases.push_back(std::move(c));
        } catch (const RecordProblem& p) {
            load.problems.push_back(label + (p.field.empty() ? "" : ": field '" + p.field + "'") + ": " + p.what);
        }
    }
    return load;
}

std::string read_file_text(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) fail(ErrorCode::NotFound, "cannot open " + path);
    std::ostringstream ss;
    ss << f.rdbuf();
    if (f.bad()) fail(ErrorCode::InvalidFile, "cannot read " + path);
    return ss.str();
}

TracingLoad to_tracing(DatasetLoad load) {
    TracingLoad out;
    out.format = load.format;
    out.problems = std::move(load.problems);
    const bool object_is_fact = load.format == "zsre" || load.format == "lancet-facts";
    for (auto& c : load.cases) {
        TracingFact f;
        f.id = c.case_id;
        f.subject = c.subject;
        f.prompt = c.prompt();
        f.attribute = c.target_true.empty() && object_is_fact ? c.target_new : c.target_true;
        if (f.attribute.empty()) {
            out.problems.push_back("case_id " + c.case_id + ": no attribute (true object) to trace");
            continue;
        }
        out.facts.push_back(std::move(f));
    }
    return out;
}

}  // namespace

Expected<DatasetLoad> parse_dataset(const std::string& text, const DatasetOptions& options) {
    return capture([&] { return read_dataset(text, options); });
}

Expected<DatasetLoad> load_dataset(const std::string& path, const DatasetOptions& options) {
    auto r = capture([&] { return read_dataset(read_file_text(path), options); });
    if (!r) return r.error().message.rfind("cannot open", 0) == 0 ? r.error() : r.error().with_context(path);
    return r;
}

Expected<TracingLoad> parse_tracing_facts(const std::string& text, const DatasetOptions& options) {
    return capture([&] { return to_tracing(read_dataset(text, options)); });
}

Expected<TracingLoad> load_tracing_facts(const std::string& path, const DatasetOptions& options) {
    auto r = capture([&] { return to_tracing(read_dataset(read_file_text(path), options)); });
    if (!r) return r.error().message.rfind("cannot open", 0) == 0 ? r.error() : r.error().with_context(path);
    return r;
}

}  // namespace lancet
