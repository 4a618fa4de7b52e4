// The translation unit that builds engine_pch.h's precompiled header (target
// lancet_pch); every LibTorch target reuses it.
