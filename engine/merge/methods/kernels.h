// The kernels behind merge/merge_methods.h's table, one per method; private to
// engine/merge (each .cpp in this folder defines one family).
#pragma once

#include "merge/merge_methods.h"

namespace lancet::methods {

torch::Tensor linear(const MergeArgs& a);
torch::Tensor task_arithmetic(const MergeArgs& a);
torch::Tensor ties(const MergeArgs& a);
torch::Tensor dare_ties(const MergeArgs& a);
torch::Tensor dare_linear(const MergeArgs& a);
torch::Tensor breadcrumbs(const MergeArgs& a);
torch::Tensor breadcrumbs_ties(const MergeArgs& a);
torch::Tensor della(const MergeArgs& a);
torch::Tensor della_linear(const MergeArgs& a);
torch::Tensor sce(const MergeArgs& a);
torch::Tensor slerp(const MergeArgs& a);
torch::Tensor nuslerp(const MergeArgs& a);
torch::Tensor multislerp(const MergeArgs& a);
torch::Tensor karcher(const MergeArgs& a);
torch::Tensor model_stock(const MergeArgs& a);
torch::Tensor nearswap(const MergeArgs& a);
torch::Tensor arcee_fusion(const MergeArgs& a);
torch::Tensor passthrough(const MergeArgs& a);

}  // namespace lancet::methods
