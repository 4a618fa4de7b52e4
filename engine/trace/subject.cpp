// Subject handling for causal tracing: the subject guess (the reference's rule
// without a leading article) and the noise scale σ (std of subject-token embeddings).
#include "trace/causal_trace.h"

#include "model/model.h"

#include <mutex>
#include <map>

namespace lancet {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool starts_with_question_word(const std::string& s, size_t i) {
    for (const char* w : {"Who ", "What ", "Where ", "When ", "Which ", "Why "}) {
        std::string word(w);
        if (s.compare(i, word.size(), word) == 0) return true;
    }
    return false;
}

// Articles and determiners that open a sentence ("The Space Needle ...") are
// capitalised there but are not part of the name: corrupting "The" as well
// adds a token every prompt shares, and the subject-token effect of the trace
// is diluted over it (issue 19). They are dropped from the front of a guess.
bool is_determiner(const std::string& word) {
    static const char* const words[] = {"The", "A", "An", "This", "That", "These", "Those", "Its", "His", "Her",
                                        "Their", "Our", "My", "Your", "Some", "Every", "Each", "Another"};
    for (const char* w : words)
        if (word == w) return true;
    return false;
}

// Well-known names used for σ when the caller gives no subjects; the reference
// uses the subjects of its known-facts set. Any few dozen real names give the
// same σ to two digits: it is a property of the embedding matrix.
const std::vector<std::string>& builtin_subjects() {
    static const std::vector<std::string> subjects = {
        "Space Needle", "Eiffel Tower", "Barack Obama", "Albert Einstein", "Microsoft", "Toyota", "Paris",
        "the Amazon River", "Mount Everest", "Shakespeare", "Leonardo da Vinci", "Nintendo", "Google", "BBC",
        "Wolfgang Amadeus Mozart", "the Colosseum", "Big Ben", "Statue of Liberty", "Golden Gate Bridge",
        "Angela Merkel", "Apple", "IBM", "Honda", "Ferrari", "Real Madrid", "Manchester United", "LeBron James",
        "Lionel Messi", "Roger Federer", "Serena Williams", "Taj Mahal", "Great Wall of China", "Sydney Opera House",
        "Charles Darwin", "Isaac Newton", "Marie Curie", "Vladimir Putin", "Elon Musk", "Tesla", "Airbus",
        "Boeing", "Samsung", "Sony", "Nokia", "Volkswagen", "the Louvre", "Buckingham Palace", "Kremlin",
        "Mahatma Gandhi", "Nelson Mandela", "Pablo Picasso", "Vincent van Gogh", "Beethoven", "Danube", "Nile",
        "Sahara", "Alps", "Himalayas", "Tokyo Tower", "Burj Khalifa", "Luffy", "Harry Potter", "Sherlock Holmes",
    };
    return subjects;
}

}  // namespace

std::string guess_subject(const std::string& p) {
    size_t i = 0;
    while (i < p.size()) {
        if (!is_upper(p[i]) || starts_with_question_word(p, i)) {
            ++i;
            continue;
        }
        size_t j = i + 1;
        while (j < p.size() && !is_space(p[j])) ++j;  // [A-Z]\S*
        const size_t first_word_end = j;
        for (;;) {                                     // (\s[A-Z][a-z']*)*
            if (j + 1 < p.size() && is_space(p[j]) && is_upper(p[j + 1])) {
                size_t k = j + 2;
                while (k < p.size() && (is_lower(p[k]) || p[k] == '\'')) ++k;
                j = k;
            } else {
                break;
            }
        }
        std::string s = p.substr(i, j - i);
        while (!s.empty() && is_space(s.back())) s.pop_back();
        if (is_determiner(p.substr(i, first_word_end - i))) {
            // "The Space Needle" -> "Space Needle"; "The city of Paris": "The" alone, so look further.
            size_t rest = first_word_end;
            while (rest < i + s.size() && is_space(p[rest])) ++rest;
            if (rest < i + s.size()) return s.substr(rest - i);
            i = first_word_end;
            continue;
        }
        return s;
    }
    return {};
}

Expected<double> subject_embedding_std(const Model& model, const std::vector<std::string>& subjects) {
    static std::mutex mutex;
    static std::map<std::string, double> cache;
    const auto& list = subjects.empty() ? builtin_subjects() : subjects;
    std::string key = model.fingerprint() + "/" + std::to_string(list.size()) + "/" + (subjects.empty() ? "builtin" : list[0]);
    {
        std::lock_guard<std::mutex> lock(mutex);
        auto it = cache.find(key);
        if (it != cache.end()) return it->second;
    }
    auto r = capture([&] {
        torch::NoGradGuard guard;
        std::vector<int64_t> ids;
        for (const auto& s : list) {
            auto enc = model.tokenizer().encode(s);
            ids.insert(ids.end(), enc.ids.begin(), enc.ids.end());
        }
        if (ids.empty()) fail(ErrorCode::InvalidArgument, "no subject tokens to measure the embedding spread on");
        auto idx = torch::tensor(ids, torch::kLong).to(model.device());
        auto emb = torch::embedding(model.weights().tok_embed, idx).to(torch::kDouble);
        return emb.std().item<double>();
    });
    if (r) {
        std::lock_guard<std::mutex> lock(mutex);
        cache[key] = r.value();
    }
    return r;
}

}  // namespace lancet
