#!/usr/bin/env python3
"""Tiny random models of every family Lancet loads, and the logits they must give.

    python3 tests/golden/families.py --out tests/fixtures/families            # NumPy reference (here)
    python3 tests/golden/families.py --out DIR --engine transformers          # on a machine with transformers

For each family (llama, mistral, qwen2, qwen3, gemma, gemma2, gemma3_text,
gpt_neox, gpt_neox_serial, gptj) it writes DIR/<name>/ with a Hugging Face
config.json, model.safetensors (float32), a tiny byte-level tokenizer.json, and
golden.safetensors + golden.json: logits for single prompts, a prompt longer
than the sliding window where the family has one, and a left-padded batch.

Two engines compute the logits:
  numpy         an independent float64 implementation of each family written
                from the Hugging Face modeling code's semantics (below); needs
                only python3-numpy, so it runs on the CPU machines here;
  transformers  Hugging Face transformers itself (eager attention, float32),
                loading the same folder; it also prints the largest difference
                from the NumPy reference, so the reference is checked too.
golden.json records which engine made the file.

Weights use larger scales than the families' initialisers (and random norm
parameters) so that logits are O(1) and a wrong operation cannot hide in
round-off. Nothing here is downloaded.
"""
import argparse
import json
import math
import os
import struct

import numpy as np

VOCAB = 320  # 256 byte symbols, a few merges, one special token, unused rows

# name -> (model_type, architectures, config fields)
FAMILIES = {
    "llama": ("llama", "LlamaForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=64, rms_norm_eps=1e-5, rope_theta=10000.0, hidden_act="silu",
        tie_word_embeddings=False, attention_bias=False,
        rope_scaling=dict(rope_type="llama3", factor=8.0, low_freq_factor=1.0, high_freq_factor=4.0,
                          original_max_position_embeddings=16))),
    "mistral": ("mistral", "MistralForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=64, rms_norm_eps=1e-5, rope_theta=10000.0, hidden_act="silu",
        tie_word_embeddings=False, sliding_window=5)),
    "qwen2": ("qwen2", "Qwen2ForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=1000000.0, hidden_act="silu",
        tie_word_embeddings=True, use_sliding_window=False)),
    "qwen3": ("qwen3", "Qwen3ForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
        head_dim=16, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=1000000.0, hidden_act="silu",
        tie_word_embeddings=True, attention_bias=False, use_sliding_window=False)),
    "gemma": ("gemma", "GemmaForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=1,
        head_dim=8, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=10000.0,
        hidden_activation="gelu_pytorch_tanh", tie_word_embeddings=True)),
    "gemma2": ("gemma2", "Gemma2ForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=3, num_attention_heads=4, num_key_value_heads=2,
        head_dim=8, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=10000.0,
        hidden_activation="gelu_pytorch_tanh", tie_word_embeddings=True, query_pre_attn_scalar=12,
        sliding_window=4, attn_logit_softcapping=2.0, final_logit_softcapping=3.0)),
    "gemma3_text": ("gemma3_text", "Gemma3ForCausalLM", dict(
        hidden_size=32, intermediate_size=48, num_hidden_layers=3, num_attention_heads=4, num_key_value_heads=2,
        head_dim=8, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=1000000.0,
        rope_local_base_freq=10000.0, rope_scaling=dict(rope_type="linear", factor=4.0),
        hidden_activation="gelu_pytorch_tanh", tie_word_embeddings=True, query_pre_attn_scalar=8,
        sliding_window=4, sliding_window_pattern=2, final_logit_softcapping=None, attn_logit_softcapping=None)),
    "gpt_neox": ("gpt_neox", "GPTNeoXForCausalLM", dict(
        hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
        max_position_embeddings=64, layer_norm_eps=1e-5, rotary_pct=0.5, rotary_emb_base=10000,
        hidden_act="gelu", use_parallel_residual=True, tie_word_embeddings=False)),
    "gpt_neox_serial": ("gpt_neox", "GPTNeoXForCausalLM", dict(
        hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
        max_position_embeddings=64, layer_norm_eps=1e-5, rotary_pct=0.25, rotary_emb_base=10000,
        hidden_act="gelu", use_parallel_residual=False, tie_word_embeddings=False)),
    "gptj": ("gptj", "GPTJForCausalLM", dict(
        n_embd=32, n_inner=64, n_layer=2, n_head=4, n_positions=64, rotary_dim=4, layer_norm_epsilon=1e-5,
        activation_function="gelu_new", tie_word_embeddings=False)),
}


# --- a tiny GPT-2-style byte-level tokenizer.json -------------------------------------------------

def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character table."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def tokenizer_json():
    table = bytes_to_unicode()
    vocab = {table[b]: b for b in range(256)}
    merges = []
    for a, b in [("Ġ", "t"), ("h", "e"), ("Ġt", "he"), ("i", "n"), ("Ġ", "S"), ("Ġ", "c"), ("e", "r"), ("Ġ", "i"),
                 ("o", "n"), ("a", "t"), ("Ġi", "s"), ("Ġ", "N"), ("e", "e"), ("d", "l"), ("Ġ", "o"), ("Ġo", "f")]:
        vocab[a + b] = len(vocab)
        merges.append(a + " " + b)
    eos = len(vocab)
    return {
        "version": "1.0",
        "added_tokens": [{"id": eos, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": False, "special": True}],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "vocab": vocab, "merges": merges},
    }, eos


def sentencepiece_tokenizer_json():
    """A tiny Llama-2-style file: "▁" for spaces, byte fallback, a BOS template."""
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab["<0x%02X>" % b] = len(vocab)
    for ch in "▁abcdefghijklmnopqrstuvwxyzSNPTW":
        vocab[ch] = len(vocab)
    merges = []
    for a, b in [("▁", "t"), ("h", "e"), ("▁t", "he"), ("▁", "S"), ("p", "a"), ("c", "e"), ("▁", "N"), ("e", "e"),
                 ("d", "l"), ("▁", "i"), ("▁i", "s"), ("▁", "c"), ("i", "t"), ("▁", "o"), ("▁o", "f"), ("▁", "P"),
                 ("a", "r"), ("i", "s"), ("▁P", "ar"), ("▁Par", "is"), ("▁S", "pa"), ("▁Spa", "ce"), ("▁N", "ee"),
                 ("▁Nee", "dl"), ("▁Needl", "e"), ("▁c", "it"), ("▁cit", "y"), ("o", "n"), ("▁", "l")]:
        vocab[a + b] = len(vocab)
        merges.append(a + " " + b)
    assert len(vocab) <= VOCAB, len(vocab)
    specials = [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
                 "special": True} for c, i in (("<unk>", 0), ("<s>", 1), ("</s>", 2))]
    return {
        "version": "1.0",
        "added_tokens": specials,
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
        "pre_tokenizer": None,
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                           "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                    {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
                           "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "▁"}, "content": " "}, {"type": "ByteFallback"}, {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
        "model": {"type": "BPE", "dropout": None, "unk_token": "<unk>", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": True, "byte_fallback": True, "vocab": vocab, "merges": merges},
    }


# Families whose real tokenizers are SentencePiece-style get one here too, so
# BOS handling and "▁" continuations are tested on a model that uses them.
SENTENCEPIECE = {"mistral", "gemma"}


# --- random weights ------------------------------------------------------------------------------

def make_weights(name, cfg, rng):
    mt = FAMILIES[name][0]
    W = {}

    def normal(*shape, std=0.25):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    def norm_weight(d, gemma):
        return (0.3 * rng.standard_normal(d) + (0.0 if gemma else 1.0)).astype(np.float32)

    if mt in ("gpt_neox",):
        d, L, ff = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["intermediate_size"]
        W["gpt_neox.embed_in.weight"] = normal(VOCAB, d, std=0.5)
        for l in range(L):
            p = f"gpt_neox.layers.{l}."
            for n in ("input_layernorm", "post_attention_layernorm"):
                W[p + n + ".weight"] = norm_weight(d, False)
                W[p + n + ".bias"] = normal(d, std=0.1)
            W[p + "attention.query_key_value.weight"] = normal(3 * d, d)
            W[p + "attention.query_key_value.bias"] = normal(3 * d, std=0.1)
            W[p + "attention.dense.weight"] = normal(d, d)
            W[p + "attention.dense.bias"] = normal(d, std=0.1)
            W[p + "mlp.dense_h_to_4h.weight"] = normal(ff, d)
            W[p + "mlp.dense_h_to_4h.bias"] = normal(ff, std=0.1)
            W[p + "mlp.dense_4h_to_h.weight"] = normal(d, ff)
            W[p + "mlp.dense_4h_to_h.bias"] = normal(d, std=0.1)
        W["gpt_neox.final_layer_norm.weight"] = norm_weight(d, False)
        W["gpt_neox.final_layer_norm.bias"] = normal(d, std=0.1)
        W["embed_out.weight"] = normal(VOCAB, d, std=0.5)
        return W
    if mt == "gptj":
        d, L, ff = cfg["n_embd"], cfg["n_layer"], cfg["n_inner"]
        W["transformer.wte.weight"] = normal(VOCAB, d, std=0.5)
        for l in range(L):
            p = f"transformer.h.{l}."
            W[p + "ln_1.weight"] = norm_weight(d, False)
            W[p + "ln_1.bias"] = normal(d, std=0.1)
            for n in ("q_proj", "k_proj", "v_proj", "out_proj"):
                W[p + "attn." + n + ".weight"] = normal(d, d)
            W[p + "mlp.fc_in.weight"] = normal(ff, d)
            W[p + "mlp.fc_in.bias"] = normal(ff, std=0.1)
            W[p + "mlp.fc_out.weight"] = normal(d, ff)
            W[p + "mlp.fc_out.bias"] = normal(d, std=0.1)
        W["transformer.ln_f.weight"] = norm_weight(d, False)
        W["transformer.ln_f.bias"] = normal(d, std=0.1)
        W["lm_head.weight"] = normal(VOCAB, d, std=0.5)
        W["lm_head.bias"] = normal(VOCAB, std=0.1)
        return W
    # The LLaMA pattern.
    gemma = mt.startswith("gemma")
    d, L, ff = cfg["hidden_size"], cfg["num_hidden_layers"], cfg["intermediate_size"]
    H, KV = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hd = cfg.get("head_dim", d // H)
    emb_std = 0.5 / math.sqrt(d) if gemma else 0.5  # Gemma multiplies embeddings by sqrt(d)
    W["model.embed_tokens.weight"] = normal(VOCAB, d, std=emb_std)
    for l in range(L):
        p = f"model.layers.{l}."
        norms = ["input_layernorm", "post_attention_layernorm"]
        if mt in ("gemma2", "gemma3_text"):
            norms += ["pre_feedforward_layernorm", "post_feedforward_layernorm"]
        for n in norms:
            W[p + n + ".weight"] = norm_weight(d, gemma)
        W[p + "self_attn.q_proj.weight"] = normal(H * hd, d)
        W[p + "self_attn.k_proj.weight"] = normal(KV * hd, d)
        W[p + "self_attn.v_proj.weight"] = normal(KV * hd, d)
        W[p + "self_attn.o_proj.weight"] = normal(d, H * hd)
        if mt == "qwen2":
            W[p + "self_attn.q_proj.bias"] = normal(H * hd, std=0.1)
            W[p + "self_attn.k_proj.bias"] = normal(KV * hd, std=0.1)
            W[p + "self_attn.v_proj.bias"] = normal(KV * hd, std=0.1)
        if mt in ("qwen3", "gemma3_text"):
            W[p + "self_attn.q_norm.weight"] = norm_weight(hd, gemma)
            W[p + "self_attn.k_norm.weight"] = norm_weight(hd, gemma)
        W[p + "mlp.gate_proj.weight"] = normal(ff, d)
        W[p + "mlp.up_proj.weight"] = normal(ff, d)
        W[p + "mlp.down_proj.weight"] = normal(d, ff)
    W["model.norm.weight"] = norm_weight(d, gemma)
    if not cfg.get("tie_word_embeddings", gemma):
        W["lm_head.weight"] = normal(VOCAB, d, std=0.5)
    return W


# --- the NumPy reference ---------------------------------------------------------------------------

def gelu_tanh(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def gelu_erf(x):
    return 0.5 * x * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0)))


def silu(x):
    return x / (1.0 + np.exp(-x))


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def rms_norm(x, w, eps, plus_one):
    y = x / np.sqrt((x ** 2).mean(-1, keepdims=True) + eps)
    return y * (1.0 + w) if plus_one else y * w


def inv_freq(dim, base, scaling):
    f = 1.0 / base ** (np.arange(0, dim, 2, dtype=np.float64) / dim)
    if not scaling:
        return f
    kind = scaling.get("rope_type", scaling.get("type"))
    if kind == "linear":
        return f / scaling["factor"]
    if kind == "llama3":
        factor, lo, hi = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        wavelen = 2 * math.pi / f
        out = np.where(wavelen > old / lo, f / factor, f)
        smooth = (old / wavelen - lo) / (hi - lo)
        smoothed = (1 - smooth) * out / factor + smooth * out
        medium = (wavelen >= old / hi) & (wavelen <= old / lo)
        return np.where(medium, smoothed, out)
    raise ValueError(kind)


def rotate(x, pos, freqs, interleaved):
    """x [T, H, f]: rotate pairs by angle pos * freq."""
    ang = pos[:, None].astype(np.float64) * freqs[None, :]  # [T, f/2]
    cos, sin = np.cos(ang)[:, None, :], np.sin(ang)[:, None, :]
    if interleaved:
        a, b = x[..., 0::2], x[..., 1::2]
        out = np.empty_like(x)
        out[..., 0::2] = a * cos - b * sin
        out[..., 1::2] = b * cos + a * sin
        return out
    half = x.shape[-1] // 2
    a, b = x[..., :half], x[..., half:]
    return np.concatenate([a * cos - b * sin, b * cos + a * sin], -1)


def attend(q, k, v, pos, valid, scale, window=0, softcap=0.0):
    """q [T, H, hd], k/v [T, KV, hd]; pos: positions; valid: key not padding."""
    T, H, hd = q.shape
    rep = H // k.shape[1]
    k = np.repeat(k, rep, axis=1)
    v = np.repeat(v, rep, axis=1)
    s = np.einsum("thd,shd->hts", q, k) * scale
    if softcap:
        s = np.tanh(s / softcap) * softcap
    i = np.arange(T)[:, None]
    j = np.arange(T)[None, :]
    allowed = (j <= i) & valid[None, :]
    if window:
        allowed &= j > i - window  # the query's own position is inside its window
    s = np.where(allowed[None], s, -1e30)  # a padded query sees nothing: uniform, like the C++ lowest-value fill
    s = s - s.max(-1, keepdims=True)
    p = np.exp(s)
    p = p / p.sum(-1, keepdims=True)
    return np.einsum("hts,shd->thd", p, v).reshape(T, H * hd)


def forward(name, cfg, W, ids, valid=None):
    """Logits [T, V] for one sequence (valid: False on left padding)."""
    mt = FAMILIES[name][0]
    W = {n: t.astype(np.float64) for n, t in W.items()}
    ids = np.asarray(ids)
    T = len(ids)
    valid = np.ones(T, bool) if valid is None else np.asarray(valid, bool)
    pos = np.maximum(np.cumsum(valid) - 1, 0)

    if mt == "gpt_neox":
        d, H = cfg["hidden_size"], cfg["num_attention_heads"]
        hd = d // H
        rot = int(hd * cfg["rotary_pct"])
        freqs = inv_freq(rot, cfg["rotary_emb_base"], None)
        x = W["gpt_neox.embed_in.weight"][ids]
        for l in range(cfg["num_hidden_layers"]):
            p = f"gpt_neox.layers.{l}."
            lin = lambda n, h: h @ W[p + n + ".weight"].T + W[p + n + ".bias"]
            h1 = layer_norm(x, W[p + "input_layernorm.weight"], W[p + "input_layernorm.bias"], cfg["layer_norm_eps"])
            qkv = lin("attention.query_key_value", h1).reshape(T, H, 3 * hd)  # per head [q k v]
            q, k, v = qkv[..., :hd], qkv[..., hd:2 * hd], qkv[..., 2 * hd:]
            q = np.concatenate([rotate(q[..., :rot], pos, freqs, False), q[..., rot:]], -1)
            k = np.concatenate([rotate(k[..., :rot], pos, freqs, False), k[..., rot:]], -1)
            a = lin("attention.dense", attend(q, k, v, pos, valid, hd ** -0.5))
            if cfg["use_parallel_residual"]:
                h2 = layer_norm(x, W[p + "post_attention_layernorm.weight"], W[p + "post_attention_layernorm.bias"], cfg["layer_norm_eps"])
                m = lin("mlp.dense_4h_to_h", gelu_erf(lin("mlp.dense_h_to_4h", h2)))
                x = x + a + m
            else:
                x = x + a
                h2 = layer_norm(x, W[p + "post_attention_layernorm.weight"], W[p + "post_attention_layernorm.bias"], cfg["layer_norm_eps"])
                x = x + lin("mlp.dense_4h_to_h", gelu_erf(lin("mlp.dense_h_to_4h", h2)))
        x = layer_norm(x, W["gpt_neox.final_layer_norm.weight"], W["gpt_neox.final_layer_norm.bias"], cfg["layer_norm_eps"])
        return x @ W["embed_out.weight"].T

    if mt == "gptj":
        d, H = cfg["n_embd"], cfg["n_head"]
        hd = d // H
        rot = cfg["rotary_dim"]
        freqs = inv_freq(rot, 10000.0, None)
        x = W["transformer.wte.weight"][ids]
        for l in range(cfg["n_layer"]):
            p = f"transformer.h.{l}."
            h = layer_norm(x, W[p + "ln_1.weight"], W[p + "ln_1.bias"], cfg["layer_norm_epsilon"])
            q = (h @ W[p + "attn.q_proj.weight"].T).reshape(T, H, hd)
            k = (h @ W[p + "attn.k_proj.weight"].T).reshape(T, H, hd)
            v = (h @ W[p + "attn.v_proj.weight"].T).reshape(T, H, hd)
            q = np.concatenate([rotate(q[..., :rot], pos, freqs, True), q[..., rot:]], -1)
            k = np.concatenate([rotate(k[..., :rot], pos, freqs, True), k[..., rot:]], -1)
            a = attend(q, k, v, pos, valid, hd ** -0.5) @ W[p + "attn.out_proj.weight"].T
            m = gelu_tanh(h @ W[p + "mlp.fc_in.weight"].T + W[p + "mlp.fc_in.bias"]) @ W[p + "mlp.fc_out.weight"].T + W[p + "mlp.fc_out.bias"]
            x = x + a + m
        x = layer_norm(x, W["transformer.ln_f.weight"], W["transformer.ln_f.bias"], cfg["layer_norm_epsilon"])
        return x @ W["lm_head.weight"].T + W["lm_head.bias"]

    # The LLaMA pattern.
    gemma = mt.startswith("gemma")
    post_norms = mt in ("gemma2", "gemma3_text")
    d, H, KV = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hd = cfg.get("head_dim", d // H)
    eps = cfg["rms_norm_eps"]
    act = gelu_tanh if gemma else silu
    scale = cfg["query_pre_attn_scalar"] ** -0.5 if post_norms else hd ** -0.5
    L = cfg["num_hidden_layers"]

    def layer_rule(l):  # (window, rotary base, scaling)
        window = 0
        if mt == "mistral":
            window = cfg.get("sliding_window") or 0
        elif mt == "gemma2" and l % 2 == 0:
            window = cfg["sliding_window"]
        elif mt == "gemma3_text" and (l + 1) % cfg["sliding_window_pattern"] != 0:
            window = cfg["sliding_window"]
        if mt == "gemma3_text" and window:
            return window, cfg["rope_local_base_freq"], None
        return window, cfg["rope_theta"], cfg.get("rope_scaling")

    x = W["model.embed_tokens.weight"][ids]
    if gemma:
        x = x * math.sqrt(d)
    for l in range(L):
        p = f"model.layers.{l}."
        window, base, scaling = layer_rule(l)
        freqs = inv_freq(hd, base, scaling)
        h = rms_norm(x, W[p + "input_layernorm.weight"], eps, gemma)
        lin = lambda n, y: y @ W[p + n + ".weight"].T + (W[p + n + ".bias"] if p + n + ".bias" in W else 0.0)
        q = lin("self_attn.q_proj", h).reshape(T, H, hd)
        k = lin("self_attn.k_proj", h).reshape(T, KV, hd)
        v = lin("self_attn.v_proj", h).reshape(T, KV, hd)
        if mt in ("qwen3", "gemma3_text"):
            q = rms_norm(q, W[p + "self_attn.q_norm.weight"], eps, gemma)
            k = rms_norm(k, W[p + "self_attn.k_norm.weight"], eps, gemma)
        q = rotate(q, pos, freqs, False)
        k = rotate(k, pos, freqs, False)
        a = lin("self_attn.o_proj", attend(q, k, v, pos, valid, scale, window, cfg.get("attn_logit_softcapping") or 0.0))
        if post_norms:
            x = x + rms_norm(a, W[p + "post_attention_layernorm.weight"], eps, True)
            h2 = rms_norm(x, W[p + "pre_feedforward_layernorm.weight"], eps, True)
        else:
            x = x + a
            h2 = rms_norm(x, W[p + "post_attention_layernorm.weight"], eps, gemma)
        m = lin("mlp.down_proj", act(lin("mlp.gate_proj", h2)) * lin("mlp.up_proj", h2))
        if post_norms:
            m = rms_norm(m, W[p + "post_feedforward_layernorm.weight"], eps, True)
        x = x + m
    x = rms_norm(x, W["model.norm.weight"], eps, gemma)
    head = W["lm_head.weight"] if "lm_head.weight" in W else W["model.embed_tokens.weight"]
    logits = x @ head.T
    cap = cfg.get("final_logit_softcapping")
    if cap:
        logits = np.tanh(logits / cap) * cap
    return logits


# --- files -----------------------------------------------------------------------------------------

def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        t = np.ascontiguousarray(tensors[name])
        dtype = {np.dtype(np.float32): "F32", np.dtype(np.int64): "I64"}[t.dtype]
        data = t.astype(t.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def cases_for(cfg, rng):
    long_len = 12  # longer than every sliding window above
    singles = [rng.integers(0, 272, size=n).tolist() for n in (7, long_len, 3)]
    return singles


def transformers_logits(folder, ids, mask=None):
    import torch
    from transformers import AutoModelForCausalLM
    model = AutoModelForCausalLM.from_pretrained(folder, torch_dtype=torch.float32, attn_implementation="eager").eval()
    ids = torch.tensor(ids)
    kwargs = {}
    if mask is not None:
        mask = torch.tensor(mask)
        kwargs = dict(attention_mask=mask, position_ids=(mask.cumsum(-1) - 1).clamp(min=0))
    with torch.no_grad():
        return model(ids, **kwargs).logits.double().numpy()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--engine", choices=["numpy", "transformers"], default="numpy")
    ap.add_argument("--only", nargs="*", help="family names (default: all)")
    args = ap.parse_args()
    tok, eos = tokenizer_json()
    for name, (model_type, cls, fields) in FAMILIES.items():
        if args.only and name not in args.only:
            continue
        rng = np.random.default_rng(sum(map(ord, name)) * 7919)  # stable across runs and machines
        cfg = dict(fields)
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        config = dict(model_type=model_type, architectures=[cls], vocab_size=VOCAB,
                      bos_token_id=1 if name in SENTENCEPIECE else eos, eos_token_id=2 if name in SENTENCEPIECE else eos,
                      torch_dtype="float32", **cfg)
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(config, f, indent=2)
        sp = name in SENTENCEPIECE
        with open(os.path.join(folder, "tokenizer.json"), "w") as f:
            json.dump(sentencepiece_tokenizer_json() if sp else tok, f, ensure_ascii=False)
        if sp:
            with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
                json.dump({"add_bos_token": True, "add_eos_token": False, "bos_token": "<s>", "eos_token": "</s>",
                           "unk_token": "<unk>", "tokenizer_class": "LlamaTokenizerFast"}, f, indent=2)
        W = make_weights(name, cfg, rng)
        write_safetensors(os.path.join(folder, "model.safetensors"), W)

        singles = cases_for(cfg, rng)
        width = max(len(s) for s in singles)
        batch = np.zeros((len(singles), width), np.int64)
        mask = np.zeros_like(batch)
        for b, s in enumerate(singles):
            batch[b, width - len(s):] = s
            mask[b, width - len(s):] = 1
        golden, cases = {}, []
        ref_single = [forward(name, cfg, W, s) for s in singles]
        ref_batch = np.stack([forward(name, cfg, W, batch[b], mask[b]) for b in range(len(singles))])
        if args.engine == "transformers":
            got_single = [transformers_logits(folder, [s])[0] for s in singles]
            got_batch = transformers_logits(folder, batch.tolist(), mask.tolist())
            diff = max(max(np.abs(a - b).max() for a, b in zip(got_single, ref_single)),
                       np.abs((got_batch - ref_batch) * mask[..., None]).max())
            print(f"{name}: transformers vs NumPy reference, max |logit difference| {diff:.3e}")
            ref_single, ref_batch = got_single, got_batch
        for i, (s, logits) in enumerate(zip(singles, ref_single)):
            golden[f"single.{i}.logits"] = logits.astype(np.float32)
            cases.append({"name": f"single.{i}", "ids": s})
        golden["batch.ids"] = batch
        golden["batch.mask"] = mask
        golden["batch.logits"] = ref_batch.astype(np.float32)
        write_safetensors(os.path.join(folder, "golden.safetensors"), golden)
        with open(os.path.join(folder, "golden.json"), "w") as f:
            json.dump({"reference": args.engine, "family": model_type, "cases": cases,
                       "note": "logits of every position; batch rows are left-padded (mask 0) with positions "
                               "cumsum(mask) - 1"}, f, indent=2)
        print(f"{name}: wrote {folder} ({sum(t.size for t in W.values())} parameters)")


if __name__ == "__main__":
    main()
