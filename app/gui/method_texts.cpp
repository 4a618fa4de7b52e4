// The edit methods' texts in the interface language (see method_texts.h). The
// list holds the engine's English word for word: lupdate collects it into the
// translation files, and a test checks that every label, description and
// tooltip the engine gives has its entry here.
#include "method_texts.h"

#include <QCoreApplication>

namespace lancet::gui {

namespace {

const char* const kSources[] = {
    QT_TRANSLATE_NOOP("MethodText", "ROME / r-ROME"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Rank-one model editing (Meng et al. 2022): one rank-one update of the MLP down projection at "
                      "one layer maps the subject's key to a new value that makes the model say the target. key_mode "
                      "picks ROME as published (original) or r-ROME's consistent keys (Gupta et al. 2024), which avoid "
                      "disabling edits. docs/design/rome-spec.md §2."),
    QT_TRANSLATE_NOOP("MethodText", "Key formulation"),
    QT_TRANSLATE_NOOP("MethodText",
                      "prefix_mean: r-ROME, the template-mean key in u and in the update (consistent keys, no "
                      "disabling edits). original: ROME as published, the bare prompt's key and value in the update. "
                      "prompt_keys: r-ROME with the bare prompt's key for both."),
    QT_TRANSLATE_NOOP("MethodText", "Adam steps for v*"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Optimisation steps for the new value v* (early stop when the loss falls below early_stop_loss). "
                      "With keep prompts the default is raised to 60."),
    QT_TRANSLATE_NOOP("MethodText", "Learning rate"),
    QT_TRANSLATE_NOOP("MethodText", "Adam learning rate of δ, the change to the MLP output."),
    QT_TRANSLATE_NOOP("MethodText", "Clamp ‖δ‖"),
    QT_TRANSLATE_NOOP("MethodText",
                      "‖δ‖ is kept at most this multiple of ‖v_init‖: smaller values give gentler, sometimes failing, "
                      "edits."),
    QT_TRANSLATE_NOOP("MethodText", "KL weight (essence)"),
    QT_TRANSLATE_NOOP("MethodText", "Weight of KL(P_δ ‖ P_0) on \"{subject} is a\": keeps what the subject is."),
    QT_TRANSLATE_NOOP("MethodText", "Keep weight"),
    QT_TRANSLATE_NOOP("MethodText", "Weight of the keep prompts' KL (Lancet's extension, used only with keep prompts)."),
    QT_TRANSLATE_NOOP("MethodText", "Weight decay on δ"),
    QT_TRANSLATE_NOOP("MethodText", "Penalty ‖δ‖ / ‖v_init‖² added to the loss."),
    QT_TRANSLATE_NOOP("MethodText", "Early-stop loss"),
    QT_TRANSLATE_NOOP("MethodText", "Stop optimising v* once the loss is below this."),
    QT_TRANSLATE_NOOP("MethodText", "Whiten with C⁻¹"),
    QT_TRANSLATE_NOOP("MethodText", "u = C⁻¹k*/‖C⁻¹k*‖ with C the keys' second moment (the paper); off: u = k*/‖k*‖."),
    QT_TRANSLATE_NOOP("MethodText", "Statistics sample (tokens)"),
    QT_TRANSLATE_NOOP("MethodText", "Token positions behind C (the reference counts articles)."),
    QT_TRANSLATE_NOOP("MethodText", "Ridge (singular C)"),
    QT_TRANSLATE_NOOP("MethodText", "Added to C only when it is singular."),
    QT_TRANSLATE_NOOP("MethodText", "Template seed"),
    QT_TRANSLATE_NOOP("MethodText", "Seed of the model-written context templates."),
    QT_TRANSLATE_NOOP("MethodText", "MEMIT"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Mass-editing memory (Meng et al. 2023): many facts written at once, the change spread over a "
                      "range of MLP down projections, each layer taking its share of the remaining error, weighted "
                      "against the keys' second moment. docs/design/editing-methods.md §1."),
    QT_TRANSLATE_NOOP("MethodText", "Adam steps for z"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Optimisation steps for each fact's target residual z (all facts of a batch together; each stops "
                      "when its loss falls below early_stop_loss)."),
    QT_TRANSLATE_NOOP("MethodText", "Adam learning rate of δ, the change to the residual stream."),
    QT_TRANSLATE_NOOP("MethodText", "‖δ‖ is kept at most this multiple of ‖h‖, the residual it changes."),
    QT_TRANSLATE_NOOP("MethodText", "Penalty ‖δ‖ / ‖h‖² added to the loss."),
    QT_TRANSLATE_NOOP("MethodText", "A fact stops optimising once its loss is below this."),
    QT_TRANSLATE_NOOP("MethodText", "λ (statistics weight)"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Weight of the keys' second moment against the edited keys: larger values protect other inputs "
                      "more and edit less."),
    QT_TRANSLATE_NOOP("MethodText", "Token positions behind the second moment C."),
    QT_TRANSLATE_NOOP("MethodText", "AlphaEdit"),
    QT_TRANSLATE_NOOP("MethodText",
                      "AlphaEdit (Fang et al., ICLR 2025): MEMIT's update projected onto the null space of the "
                      "preserved knowledge's keys, so what the model knew keeps its outputs; in sequential use the "
                      "keys of earlier edits are preserved too. Many facts at once, spread over a range of MLP layers. "
                      "docs/design/editing-methods.md §2."),
    QT_TRANSLATE_NOOP("MethodText", "Null-space threshold"),
    QT_TRANSLATE_NOOP("MethodText", "Eigenvalues of the keys' second moment below this (absolute) span the directions the update may use."),
    QT_TRANSLATE_NOOP("MethodText", "α (ridge)"),
    QT_TRANSLATE_NOOP("MethodText", "Ridge term of the projected solve (the reference uses 10; EasyEdit's Llama-3/Qwen files 1)."),
    QT_TRANSLATE_NOOP("MethodText", "Fine-tuning (FT)"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Plain fine-tuning of the chosen layers' weights on prompt → target with Adam, nothing else: the "
                      "operation succeeds, and other answers of the same form may follow it (catastrophic forgetting). "
                      "norm_constraint > 0 gives constrained fine-tuning (FT-M, EasyEdit's FT with a norm constraint). "
                      "docs/design/editing-methods.md §4."),
    QT_TRANSLATE_NOOP("MethodText", "Steps"),
    QT_TRANSLATE_NOOP("MethodText", "Optimisation steps (one full batch each)."),
    QT_TRANSLATE_NOOP("MethodText", "Step size of the optimiser. Too large and the loss diverges: the run stops and the edit is refused."),
    QT_TRANSLATE_NOOP("MethodText", "Optimiser"),
    QT_TRANSLATE_NOOP("MethodText", "Adam (as EasyEdit's FT) or plain SGD."),
    QT_TRANSLATE_NOOP("MethodText", "Loss on"),
    QT_TRANSLATE_NOOP("MethodText",
                      "target: the new answer's tokens only (EasyEdit's FT). sequence: every token of prompt + answer, "
                      "so the prompt's own wording is learned too (the lecture's warning)."),
    QT_TRANSLATE_NOOP("MethodText", "Weights trained"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Which weights of the chosen layers train: the MLP output (down) projection, the whole MLP, the "
                      "attention output, or every linear map of the block."),
    QT_TRANSLATE_NOOP("MethodText", "Locality weight"),
    QT_TRANSLATE_NOOP("MethodText", "Weight of KL(base ‖ edited) at the last token of unrelated prompts (FT-L)."),
    QT_TRANSLATE_NOOP("MethodText", "L2 toward θ₀"),
    QT_TRANSLATE_NOOP("MethodText", "Weight of ‖θ − θ₀‖² (summed over the trained weights)."),
    QT_TRANSLATE_NOOP("MethodText", "EWC weight"),
    QT_TRANSLATE_NOOP("MethodText", "Weight of Σ F(θ − θ₀)² with F the diagonal Fisher on the corpus."),
    QT_TRANSLATE_NOOP("MethodText", "Replay weight"),
    QT_TRANSLATE_NOOP("MethodText", "Weight of the NLL of the base model's own answers (self-generated replay)."),
    QT_TRANSLATE_NOOP("MethodText", "Norm constraint ε"),
    QT_TRANSLATE_NOOP("MethodText", "Keep every entry within ε of its original value (FT-M / constrained FT); 0 = off."),
    QT_TRANSLATE_NOOP("MethodText", "Replay answer tokens"),
    QT_TRANSLATE_NOOP("MethodText", "Greedy tokens the base model answers each replay prompt with."),
    QT_TRANSLATE_NOOP("MethodText", "Fisher sequences"),
    QT_TRANSLATE_NOOP("MethodText", "Corpus sequences behind the Fisher estimate (EWC)."),
    QT_TRANSLATE_NOOP("MethodText", "Seed"),
    QT_TRANSLATE_NOOP("MethodText", "Initialisation of LoRA's A (and nothing else)."),
    QT_TRANSLATE_NOOP("MethodText", "FT + locality loss (FT-L)"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Fine-tuning plus a KL term that holds the base model's next-token distribution on unrelated "
                      "prompts (the request's locality prompts, or general-knowledge defaults). "
                      "docs/design/editing-methods.md §4."),
    QT_TRANSLATE_NOOP("MethodText", "LoRA"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Low-rank adapters: ΔW = (α/r)·B·A on the chosen weights, B starting at zero (Hu et al. 2021, as "
                      "PEFT). Fewer trainable parameters: learns less, forgets less. The delta is stored as its "
                      "factors. docs/design/editing-methods.md §4."),
    QT_TRANSLATE_NOOP("MethodText", "Rank r"),
    QT_TRANSLATE_NOOP("MethodText", "Rank of the adapters (r ≥ 1)."),
    QT_TRANSLATE_NOOP("MethodText", "α"),
    QT_TRANSLATE_NOOP("MethodText", "Scale: ΔW = (α/r)·B·A."),
    QT_TRANSLATE_NOOP("MethodText", "FT + L2 toward θ₀ (L2-SP)"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Fine-tuning with λ‖θ − θ₀‖² added: the parameters prefer to stay near the original ones. "
                      "docs/design/editing-methods.md §4."),
    QT_TRANSLATE_NOOP("MethodText", "FT + EWC"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Fine-tuning with λ Σ F(θ − θ₀)², F the diagonal Fisher of the chosen weights on a text corpus "
                      "(the statistics corpus): parameters that matter for general text are held harder (Kirkpatrick "
                      "et al. 2017). docs/design/editing-methods.md §4."),
    QT_TRANSLATE_NOOP("MethodText", "FT + self-generated replay"),
    QT_TRANSLATE_NOOP("MethodText",
                      "Fine-tuning mixed with the base model's own greedy answers to the subject's other prompts and "
                      "to general questions: replay when the original training data is not at hand. "
                      "docs/design/editing-methods.md §4."),
};

}  // namespace

QString methodText(const std::string& english)
{
    if (english.empty())
        return {};
    // translate() gives the source back when there is no translation, so a text
    // the list does not know yet is shown in English rather than lost.
    return QCoreApplication::translate("MethodText", english.c_str());
}

QStringList methodTextSources()
{
    QStringList out;
    for (const char* s : kSources)
        out << QString::fromUtf8(s);
    return out;
}

}  // namespace lancet::gui
