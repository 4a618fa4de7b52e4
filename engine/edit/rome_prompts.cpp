// Prompt handling for ROME: formatting a prompt into a context template,
// encoding it with the subject's last token located by byte offsets, batching.
#include "edit/rome.h"
#include "edit/rome_internal.h"
#include "tokenizer/continuation.h"

#include "model/model.h"

#include <torch/torch.h>

#include <algorithm>

namespace lancet {

namespace rome_detail {

size_t count_placeholders(const std::string& s) {
    size_t n = 0;
    for (size_t p = s.find("{}"); p != std::string::npos; p = s.find("{}", p + 2)) ++n;
    return n;
}

EncodedRow encode_subject_row(const Tokenizer& tok, const FormattedPrompt& f) {
    auto enc = tok.encode(f.text);
    auto span = Tokenizer::tokens_covering(enc, f.subject_begin, f.subject_end);
    if (span.first >= span.second)
        fail(ErrorCode::InvalidArgument, "the subject covers no token of \"" + f.text + "\"");
    EncodedRow r;
    r.ids = std::move(enc.ids);
    r.lookup = static_cast<int64_t>(span.second) - 1;
    if (auto bos = tok.bos_id()) {
        r.ids.insert(r.ids.begin(), *bos);
        r.lookup += 1;
    }
    return r;
}

PaddedBatch pad_right(const std::vector<std::vector<int64_t>>& rows, const Model& model) {
    PaddedBatch b;
    for (const auto& r : rows) b.T = std::max<int64_t>(b.T, static_cast<int64_t>(r.size()));
    if (b.T > model.config().n_positions)
        fail(ErrorCode::InvalidArgument, "a prompt of " + std::to_string(b.T) + " tokens is longer than the model's " +
                                             std::to_string(model.config().n_positions) + " positions");
    const int64_t B = static_cast<int64_t>(rows.size());
    auto ids = torch::zeros({B, b.T}, torch::kLong);
    auto mask = torch::zeros({B, b.T}, torch::kLong);
    auto ia = ids.accessor<int64_t, 2>();
    auto ma = mask.accessor<int64_t, 2>();
    for (int64_t i = 0; i < B; ++i) {
        const auto& r = rows[static_cast<size_t>(i)];
        for (size_t t = 0; t < r.size(); ++t) {
            ia[i][static_cast<int64_t>(t)] = r[t];
            ma[i][static_cast<int64_t>(t)] = 1;
        }
    }
    b.ids = ids.to(model.device());
    b.mask = mask.to(model.device());
    return b;
}

torch::Tensor long_tensor(const std::vector<int64_t>& v, torch::Device device) {
    return torch::tensor(v, torch::kLong).to(device);
}

ReadColumns read_columns(size_t rows, const std::vector<int64_t>& read_rows, const std::vector<int64_t>& read_pos,
                         torch::Device device) {
    if (read_rows.size() != read_pos.size()) fail(ErrorCode::Internal, "read_columns: rows and positions differ in count");
    std::vector<std::vector<int64_t>> per_row(rows);
    for (size_t i = 0; i < read_rows.size(); ++i) per_row.at(static_cast<size_t>(read_rows[i])).push_back(read_pos[i]);
    ReadColumns out;
    out.last.assign(rows, -1);
    size_t width = 1;
    for (size_t r = 0; r < rows; ++r) {
        auto& c = per_row[r];
        std::sort(c.begin(), c.end());
        c.erase(std::unique(c.begin(), c.end()), c.end());
        if (!c.empty()) out.last[r] = c.back();
        else c.push_back(0);
        width = std::max(width, c.size());
    }
    std::vector<int64_t> flat;
    flat.reserve(rows * width);
    for (const auto& c : per_row)
        for (size_t j = 0; j < width; ++j) flat.push_back(c[std::min(j, c.size() - 1)]);
    for (size_t i = 0; i < read_rows.size(); ++i) {
        const auto& c = per_row[static_cast<size_t>(read_rows[i])];
        out.index.push_back(std::lower_bound(c.begin(), c.end(), read_pos[i]) - c.begin());
    }
    out.width = static_cast<int64_t>(width);
    out.columns = long_tensor(flat, device).view({static_cast<int64_t>(rows), out.width});
    return out;
}

void check_layer(const Model& model, int layer) {
    if (layer < 0 || layer >= model.config().n_layer)
        fail(ErrorCode::InvalidArgument, "layer " + std::to_string(layer) + " is out of range (the model has " +
                                             std::to_string(model.config().n_layer) + " layers)");
}

void check_request(const RomeRequest& r) {
    if (count_placeholders(r.prompt) != 1)
        fail(ErrorCode::InvalidArgument, "the prompt must contain \"{}\" exactly once, where the subject goes: \"" +
                                             r.prompt + "\"");
    if (r.subject.empty()) fail(ErrorCode::InvalidArgument, "the subject is empty");
    if (r.target_new.empty()) fail(ErrorCode::InvalidArgument, "the new target is empty");
}

void check_not_inference_mode() {
    if (c10::InferenceMode::is_enabled())
        fail(ErrorCode::InvalidArgument, "ROME needs autograd: do not call it under torch::InferenceMode");
}

JobContext sub_job(const JobContext& job, double from, double to) {
    JobContext j;
    j.cancel = job.cancel;
    if (job.progress) {
        auto p = job.progress;
        j.progress = [p, from, to](double f, const std::string& stage) { p(from + (to - from) * f, stage); };
    }
    return j;
}

}  // namespace rome_detail



Expected<FormattedPrompt> format_prompt(const std::string& context_template, const std::string& prompt,
                                        const std::string& subject) {
    if (rome_detail::count_placeholders(context_template) != 1)
        return Error{ErrorCode::InvalidArgument,
                     "a context template must contain \"{}\" exactly once: \"" + context_template + "\""};
    if (rome_detail::count_placeholders(prompt) != 1)
        return Error{ErrorCode::InvalidArgument,
                     "the prompt must contain \"{}\" exactly once, where the subject goes: \"" + prompt + "\""};
    const size_t i = context_template.find("{}");
    const size_t j = prompt.find("{}");
    FormattedPrompt f;
    f.text = context_template.substr(0, i) + prompt.substr(0, j) + subject + prompt.substr(j + 2) +
             context_template.substr(i + 2);
    f.subject_begin = i + j;
    f.subject_end = f.subject_begin + subject.size();
    return f;
}

Expected<std::vector<int64_t>> rome_target_ids(const Model& model, const std::string& target) {
    if (target.empty()) return Error{ErrorCode::InvalidArgument, "the target is empty"};
    std::string t = target[0] == ' ' ? target : " " + target;
    auto ids = continuation_ids(model.tokenizer(), t);
    if (ids.empty()) return Error{ErrorCode::InvalidArgument, "the target \"" + target + "\" tokenizes to nothing"};
    return ids;
}

}  // namespace lancet
