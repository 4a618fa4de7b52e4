#!/usr/bin/python3
"""Writes the safetensors seeds of the fuzz target safetensors_header (stdlib only):
valid files in the reference layout (two tensors, metadata, a 0-d tensor, an
empty header) and near misses (overlap, truncation, a wrong byte count)."""
import json, os, struct

here = os.path.dirname(os.path.abspath(__file__))


def write(name, header, data=b"", raw_header=None):
    text = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the reference writer pads the header to 8 bytes
    with open(os.path.join(here, name), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


write("two-tensors.safetensors",
      {"__metadata__": {"format": "pt"},
       "a.weight": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
       "b.bias": {"dtype": "BF16", "shape": [4], "data_offsets": [24, 32]}}, bytes(range(32)))
write("scalar-and-empty.safetensors",
      {"s": {"dtype": "I64", "shape": [], "data_offsets": [0, 8]},
       "e": {"dtype": "F16", "shape": [0, 5], "data_offsets": [8, 8]}}, bytes(8))
write("empty-header.safetensors", {})
write("overlap.safetensors",
      {"x": {"dtype": "U8", "shape": [4], "data_offsets": [0, 4]},
       "y": {"dtype": "U8", "shape": [4], "data_offsets": [2, 6]}}, bytes(6))
write("truncated.safetensors", {"x": {"dtype": "F64", "shape": [8], "data_offsets": [0, 64]}}, bytes(16))
write("wrong-count.safetensors", {"x": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}, bytes(8))
