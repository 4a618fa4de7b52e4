#include "ttt/stream.h"

#include "eval/dataset.h"

#include <filesystem>
#include <fstream>
#include <vector>

namespace lancet {

namespace ttt_stream_detail {

class TextFileStream : public InputStream {
public:
    TextFileStream(std::string path, TextStreamOptions options, int64_t size)
        : path_(std::move(path)), options_(std::move(options)), size_(size) {
        open();
    }

    std::optional<StreamItem> next() override {
        if (options_.mode == "paragraphs") return next_paragraph();
        std::string line;
        while (read_line(line)) {
            if (is_blank(line)) continue;
            StreamItem item;
            const size_t tab = line.rfind('\t');
            if (tab != std::string::npos) {
                item.label = line.substr(tab + 1);
                item.has_label = !is_blank(item.label);
                line.resize(tab);
            }
            item.text = std::move(line);
            return item;
        }
        return std::nullopt;
    }

    void rewind() override { open(); }
    std::string describe() const override { return "text file " + path_ + " (" + options_.mode + ")"; }
    double fraction_read() const override { return size_ > 0 ? static_cast<double>(read_) / static_cast<double>(size_) : 1.0; }
    int64_t bytes_read() const { return read_; }

private:
    void open() {
        in_ = std::ifstream(path_, std::ios::binary);
        if (!in_) fail(ErrorCode::Io, path_ + ": cannot be opened");
        read_ = 0;
        at_end_ = false;
    }

    static bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\f\v") == std::string::npos; }

    // One line, at most max_input_bytes of it kept (the rest read and dropped). false at the end.
    bool read_line(std::string& line) {
        line.clear();
        if (at_end_) return false;
        std::streambuf* buf = in_.rdbuf();
        bool any = false;
        for (;;) {
            const int c = buf->sbumpc();
            if (c == std::char_traits<char>::eof()) {
                at_end_ = true;
                if (in_.bad()) fail(ErrorCode::Io, path_ + ": read error");
                break;
            }
            ++read_;
            any = true;
            if (c == '\n') break;
            if (line.size() < options_.max_input_bytes) line.push_back(static_cast<char>(c));
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return any;
    }

    std::optional<StreamItem> next_paragraph() {
        std::string para, line;
        while (read_line(line)) {
            if (is_blank(line)) {
                if (!para.empty()) break;
                continue;
            }
            if (para.size() < options_.max_input_bytes) {
                if (!para.empty()) para.push_back('\n');
                para += line.substr(0, options_.max_input_bytes - para.size());
            }
        }
        if (para.empty()) return std::nullopt;
        StreamItem item;
        item.text = std::move(para);
        return item;
    }

    std::string path_;
    TextStreamOptions options_;
    int64_t size_ = 0;
    std::ifstream in_;
    int64_t read_ = 0;
    bool at_end_ = false;
};

class VectorStream : public InputStream {
public:
    VectorStream(std::vector<StreamItem> items, std::string description)
        : items_(std::move(items)), description_(std::move(description)) {}
    std::optional<StreamItem> next() override {
        if (at_ >= items_.size()) return std::nullopt;
        return items_[at_++];
    }
    void rewind() override { at_ = 0; }
    std::string describe() const override { return description_; }
    double fraction_read() const override {
        return items_.empty() ? 1.0 : static_cast<double>(at_) / static_cast<double>(items_.size());
    }

private:
    std::vector<StreamItem> items_;
    std::string description_;
    size_t at_ = 0;
};

}  // namespace ttt_stream_detail

Expected<std::unique_ptr<InputStream>> open_text_stream(const std::string& path, const TextStreamOptions& options) {
    return capture([&]() -> std::unique_ptr<InputStream> {
        if (options.mode != "lines" && options.mode != "paragraphs")
            fail(ErrorCode::InvalidArgument, "a text stream is read as \"lines\" or \"paragraphs\", not \"" + options.mode + "\"");
        if (options.max_input_bytes == 0) fail(ErrorCode::InvalidArgument, "max_input_bytes must be positive");
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) fail(ErrorCode::NotFound, path + ": no such file");
        const auto size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
        if (ec) fail(ErrorCode::Io, path + ": " + ec.message());
        if (size == 0) fail(ErrorCode::InvalidArgument, path + ": the stream is empty (the file has no inputs)");
        return std::make_unique<ttt_stream_detail::TextFileStream>(path, options, size);
    });
}

int64_t stream_bytes_read(const InputStream& stream) {
    if (auto* t = dynamic_cast<const ttt_stream_detail::TextFileStream*>(&stream)) return t->bytes_read();
    return -1;
}

Expected<std::unique_ptr<InputStream>> open_dataset_stream(const std::string& path) {
    return capture([&]() -> std::unique_ptr<InputStream> {
        const DatasetLoad load = load_dataset(path).value();
        std::vector<StreamItem> items;
        for (const auto& c : load.cases) {
            StreamItem item;
            item.text = c.prompt();
            item.label = c.target_true;
            item.has_label = !c.target_true.empty();
            item.segment = c.relation;
            if (!item.text.empty()) items.push_back(std::move(item));
        }
        if (items.empty()) fail(ErrorCode::InvalidArgument, path + ": the stream is empty (no prompts in the dataset)");
        return std::make_unique<ttt_stream_detail::VectorStream>(
            std::move(items), "dataset " + path + " (" + load.format + ", prompts labelled with target_true)");
    });
}

// Used by demo_shift.cpp: a stream over items already generated.
std::unique_ptr<InputStream> make_vector_stream(std::vector<StreamItem> items, std::string description) {
    return std::make_unique<ttt_stream_detail::VectorStream>(std::move(items), std::move(description));
}

}  // namespace lancet
