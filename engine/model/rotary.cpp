#include "model/rotary.h"

#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace lancet {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Llama 3.1's rule: long wavelengths slowed down by `factor`, short ones kept,
// and a smooth blend between (the "llama3" rope_type of Hugging Face).
torch::Tensor llama3_scaled(const torch::Tensor& inv_freq, const RopeScaling& s) {
    const double old_len = static_cast<double>(s.original_max_positions);
    const double low_wavelen = old_len / s.low_freq_factor;
    const double high_wavelen = old_len / s.high_freq_factor;
    auto wavelen = 2.0 * kPi / inv_freq;
    auto scaled = torch::where(wavelen > low_wavelen, inv_freq / s.factor, inv_freq);
    auto smooth = (old_len / wavelen - s.low_freq_factor) / (s.high_freq_factor - s.low_freq_factor);
    auto smoothed = (1 - smooth) * scaled / s.factor + smooth * scaled;
    auto medium = (wavelen >= high_wavelen).logical_and(wavelen <= low_wavelen);
    return torch::where(medium, smoothed, scaled);
}

torch::Tensor rotate_half(const torch::Tensor& x) {
    const int64_t half = x.size(-1) / 2;
    return torch::cat({-x.slice(-1, half), x.slice(-1, 0, half)}, -1);
}

// (x0, x1, x2, x3, ...) -> (-x1, x0, -x3, x2, ...)
torch::Tensor rotate_pairs(const torch::Tensor& x) {
    auto even = x.slice(-1, 0, c10::nullopt, 2);
    auto odd = x.slice(-1, 1, c10::nullopt, 2);
    return torch::stack({-odd, even}, -1).flatten(-2);
}

}  // namespace

torch::Tensor rotary_inverse_frequencies(const ModelConfig& c, const LayerAttention& layer, int64_t max_position,
                                         torch::Device device) {
    const int64_t dim = c.rotary_features();
    double base = layer.rotary_base;
    const RopeScaling& s = c.rope_scaling;
    const bool scaled = layer.scaled_rope && s.kind != RopeScaling::Kind::None;
    if (scaled && s.kind == RopeScaling::Kind::Dynamic) {
        // Dynamic NTK: the base grows once the input outruns the trained length.
        const double trained = static_cast<double>(s.original_max_positions);
        const double seq_len = std::max(static_cast<double>(max_position + 1), trained);
        base *= std::pow(s.factor * seq_len / trained - (s.factor - 1.0),
                         static_cast<double>(dim) / static_cast<double>(dim - 2));
    }
    // Computed on the CPU once per distinct table and device, then reused: the
    // reference computes them on the CPU too, and a forward pass that copied
    // them to the GPU each time could not be recorded as a CUDA graph (ROME's
    // compute_v records one; a host-to-device copy is refused while a stream
    // is capturing). The key is everything the table depends on.
    using Key = std::tuple<int64_t, double, int, double, double, double, int64_t, std::string>;
    const Key key{dim, base, scaled ? static_cast<int>(s.kind) : -1, s.factor, s.low_freq_factor, s.high_freq_factor,
                  s.original_max_positions, device.str()};
    static std::mutex mutex;
    // Never destroyed: freeing device memory after the CUDA runtime shut down at exit would fail.
    static auto* tables = new std::map<Key, torch::Tensor>;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = tables->find(key);
    if (it != tables->end()) return it->second;
    // A plain tensor even when first built under InferenceMode, so autograd code (ROME's δ) may use it later.
    c10::InferenceMode plain(false);
    torch::NoGradGuard no_grad;
    auto exponent = torch::arange(0, dim, 2, torch::TensorOptions().dtype(torch::kLong)).to(torch::kFloat) /
                    static_cast<double>(dim);
    auto inv_freq = 1.0 / torch::pow(base, exponent);
    if (scaled && s.kind == RopeScaling::Kind::Linear) inv_freq = inv_freq / s.factor;
    if (scaled && s.kind == RopeScaling::Kind::Llama3) inv_freq = llama3_scaled(inv_freq, s);
    return tables->emplace(key, inv_freq.to(device)).first->second;
}

RotaryTables rotary_tables(const ModelConfig& c, const torch::Tensor& inv_freq, const torch::Tensor& position_ids,
                           torch::ScalarType dtype) {
    auto freqs = position_ids.to(torch::kFloat).unsqueeze(-1) * inv_freq.view({1, 1, -1});  // [B, T, f/2]
    torch::Tensor angles = c.rotary_style == RotaryStyle::Half ? torch::cat({freqs, freqs}, -1)
                                                               : torch::stack({freqs, freqs}, -1).flatten(-2);
    angles = angles.unsqueeze(1);  // [B, 1, T, f]
    RotaryTables t{angles.cos().to(dtype), angles.sin().to(dtype), {}};
    if (c.rotary_style == RotaryStyle::Half) {
        const int64_t half = freqs.size(-1);
        t.sin_signed = torch::cat({-t.sin.slice(-1, 0, half), t.sin.slice(-1, half)}, -1);
    }
    return t;
}

torch::Tensor apply_rotary(const ModelConfig& c, const torch::Tensor& x, const RotaryTables& t, bool fused) {
    const int64_t f = t.cos.size(-1);
    auto rot = f == x.size(-1) ? x : x.slice(-1, 0, f);
    torch::Tensor turned, sin = t.sin;
    if (fused && c.rotary_style == RotaryStyle::Half) {
        turned = rot.roll(f / 2, -1);
        sin = t.sin_signed;
    } else {
        turned = c.rotary_style == RotaryStyle::Half ? rotate_half(rot) : rotate_pairs(rot);
    }
    auto out = rot * t.cos + turned * sin;
    if (f == x.size(-1)) return out;
    return torch::cat({out, x.slice(-1, f).to(out.scalar_type())}, -1);
}

}  // namespace lancet
