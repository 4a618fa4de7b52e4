<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MethodText</name>
    <message>
        <location filename="../app/gui/method_texts.cpp" line="+14"/>
        <source>ROME / r-ROME</source>
        <translation>ROME / r-ROME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank-one model editing (Meng et al. 2022): one rank-one update of the MLP down projection at one layer maps the subject&apos;s key to a new value that makes the model say the target. key_mode picks ROME as published (original) or r-ROME&apos;s consistent keys (Gupta et al. 2024), which avoid disabling edits. docs/design/rome-spec.md §2.</source>
        <translation>秩一模型编辑（Meng 等，2022）：在一层的 MLP 降维投影上做一次秩一更新，把主语的键对应到新的值，使模型说出目标。key_mode 可选论文原版 ROME（original），或 r-ROME 的一致键（Gupta 等，2024），后者可避免让模型失能的编辑。docs/design/rome-spec.md §2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key formulation</source>
        <translation>键的算法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefix_mean: r-ROME, the template-mean key in u and in the update (consistent keys, no disabling edits). original: ROME as published, the bare prompt&apos;s key and value in the update. prompt_keys: r-ROME with the bare prompt&apos;s key for both.</source>
        <translation>prefix_mean：r-ROME，u 与更新都用模板平均的键（键一致，不会出现失能编辑）。original：论文原版 ROME，更新时用单独提示词的键与值。prompt_keys：r-ROME，但两处都用单独提示词的键。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adam steps for v*</source>
        <translation>v* 的 Adam 步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimisation steps for the new value v* (early stop when the loss falls below early_stop_loss). With keep prompts the default is raised to 60.</source>
        <translation>求新值 v* 的优化步数（损失低于 early_stop_loss 时提早停止）。有保留提示词时，默认值提高到 60。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam learning rate of δ, the change to the MLP output.</source>
        <translation>δ（MLP 输出的改变量）的 Adam 学习率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clamp ‖δ‖</source>
        <translation>‖δ‖ 上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖δ‖ is kept at most this multiple of ‖v_init‖: smaller values give gentler, sometimes failing, edits.</source>
        <translation>‖δ‖ 最多是 ‖v_init‖ 的这个倍数：值越小编辑越温和，有时会失败。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KL weight (essence)</source>
        <translation>KL 权重（本质）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of KL(P_δ ‖ P_0) on &quot;{subject} is a&quot;: keeps what the subject is.</source>
        <translation>在“{subject} is a”上的 KL(P_δ ‖ P_0) 权重：保住主语是什么。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep weight</source>
        <translation>保留权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the keep prompts&apos; KL (Lancet&apos;s extension, used only with keep prompts).</source>
        <translation>保留提示词的 KL 权重（Lancet 的延伸，只在有保留提示词时使用）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay on δ</source>
        <translation>δ 的权重衰减</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Penalty ‖δ‖ / ‖v_init‖² added to the loss.</source>
        <translation>加到损失上的惩罚项 ‖δ‖ / ‖v_init‖²。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early-stop loss</source>
        <translation>提早停止的损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop optimising v* once the loss is below this.</source>
        <translation>损失低于此值就停止优化 v*。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whiten with C⁻¹</source>
        <translation>以 C⁻¹ 白化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>u = C⁻¹k*/‖C⁻¹k*‖ with C the keys&apos; second moment (the paper); off: u = k*/‖k*‖.</source>
        <translation>u = C⁻¹k*/‖C⁻¹k*‖，C 为键的二阶动差（论文做法）；关闭时 u = k*/‖k*‖。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics sample (tokens)</source>
        <translation>统计样本（词元数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token positions behind C (the reference counts articles).</source>
        <translation>估计 C 所用的词元位置数（参考实作以文章计数）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ridge (singular C)</source>
        <translation>脊项（C 奇异时）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added to C only when it is singular.</source>
        <translation>只在 C 奇异时才加到 C 上。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template seed</source>
        <translation>模板种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed of the model-written context templates.</source>
        <translation>模型自行生成之上下文模板的乱数种子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MEMIT</source>
        <translation>MEMIT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mass-editing memory (Meng et al. 2023): many facts written at once, the change spread over a range of MLP down projections, each layer taking its share of the remaining error, weighted against the keys&apos; second moment. docs/design/editing-methods.md §1.</source>
        <translation>大量记忆编辑（Meng 等，2023）：一次写入许多事实，改变分散到一段 MLP 降维投影上，每一层承担剩余误差的一份，并以键的二阶动差加权。docs/design/editing-methods.md §1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adam steps for z</source>
        <translation>z 的 Adam 步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimisation steps for each fact&apos;s target residual z (all facts of a batch together; each stops when its loss falls below early_stop_loss).</source>
        <translation>每个事实之目标残差 z 的优化步数（同一批的事实一起优化；各自在损失低于 early_stop_loss 时停止）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adam learning rate of δ, the change to the residual stream.</source>
        <translation>δ（残差流的改变量）的 Adam 学习率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖δ‖ is kept at most this multiple of ‖h‖, the residual it changes.</source>
        <translation>‖δ‖ 最多是 ‖h‖（它所改变的残差）的这个倍数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Penalty ‖δ‖ / ‖h‖² added to the loss.</source>
        <translation>加到损失上的惩罚项 ‖δ‖ / ‖h‖²。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A fact stops optimising once its loss is below this.</source>
        <translation>某个事实的损失低于此值时，就停止优化它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>λ (statistics weight)</source>
        <translation>λ（统计权重）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the keys&apos; second moment against the edited keys: larger values protect other inputs more and edit less.</source>
        <translation>键的二阶动差相对于被编辑之键的权重：值越大，越保护其他输入，编辑得越少。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token positions behind the second moment C.</source>
        <translation>估计二阶动差 C 所用的词元位置数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AlphaEdit</source>
        <translation>AlphaEdit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AlphaEdit (Fang et al., ICLR 2025): MEMIT&apos;s update projected onto the null space of the preserved knowledge&apos;s keys, so what the model knew keeps its outputs; in sequential use the keys of earlier edits are preserved too. Many facts at once, spread over a range of MLP layers. docs/design/editing-methods.md §2.</source>
        <translation>AlphaEdit（Fang 等，ICLR 2025）：把 MEMIT 的更新投影到要保留之知识的键的零空间上，使模型原本知道的事输出不变；连续编辑时，先前编辑的键也一并保留。一次写入许多事实，分散到一段 MLP 层上。docs/design/editing-methods.md §2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Null-space threshold</source>
        <translation>零空间门槛</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eigenvalues of the keys&apos; second moment below this (absolute) span the directions the update may use.</source>
        <translation>键的二阶动差中低于此值（绝对值）的特征值，所张成的方向就是更新可以使用的方向。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (ridge)</source>
        <translation>α（脊项）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ridge term of the projected solve (the reference uses 10; EasyEdit&apos;s Llama-3/Qwen files 1).</source>
        <translation>投影后求解的脊项（参考实作用 10；EasyEdit 的 Llama-3/Qwen 设置档用 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning (FT)</source>
        <translation>微调（FT）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain fine-tuning of the chosen layers&apos; weights on prompt → target with Adam, nothing else: the operation succeeds, and other answers of the same form may follow it (catastrophic forgetting). norm_constraint &gt; 0 gives constrained fine-tuning (FT-M, EasyEdit&apos;s FT with a norm constraint). docs/design/editing-methods.md §4.</source>
        <translation>单纯微调所选层的权重，以 Adam 学习“提示词 → 目标”，没有其他措施：手术成功了，但同样形式的其他问题也可能跟着答出这个答案（灾难性遗忘）。norm_constraint &gt; 0 时为受限微调（FT-M，即 EasyEdit 带范数限制的 FT）。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimisation steps (one full batch each).</source>
        <translation>优化步数（每步用完整的一批）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step size of the optimiser. Too large and the loss diverges: the run stops and the edit is refused.</source>
        <translation>优化器的步长。太大会让损失发散：训练会停止，编辑被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam (as EasyEdit&apos;s FT) or plain SGD.</source>
        <translation>Adam（同 EasyEdit 的 FT）或单纯的 SGD。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss on</source>
        <translation>损失计算于</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target: the new answer&apos;s tokens only (EasyEdit&apos;s FT). sequence: every token of prompt + answer, so the prompt&apos;s own wording is learned too (the lecture&apos;s warning).</source>
        <translation>target：只算新答案的词元（EasyEdit 的 FT）。sequence：提示词加答案的每个词元，因此连提示词本身的措辞也会被学进去（课堂上的警告）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights trained</source>
        <translation>训练的权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which weights of the chosen layers train: the MLP output (down) projection, the whole MLP, the attention output, or every linear map of the block.</source>
        <translation>所选层中要训练哪些权重：MLP 输出（降维）投影、整个 MLP、注意力输出，或区块中的每个线性映射。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locality weight</source>
        <translation>局部性权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of KL(base ‖ edited) at the last token of unrelated prompts (FT-L).</source>
        <translation>在无关提示词最后一个词元上的 KL(base ‖ edited) 权重（FT-L）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 toward θ₀</source>
        <translation>朝 θ₀ 的 L2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of ‖θ − θ₀‖² (summed over the trained weights).</source>
        <translation>‖θ − θ₀‖² 的权重（对所训练的权重加总）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EWC weight</source>
        <translation>EWC 权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of Σ F(θ − θ₀)² with F the diagonal Fisher on the corpus.</source>
        <translation>Σ F(θ − θ₀)² 的权重，F 为在语料上的对角 Fisher 信息。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay weight</source>
        <translation>重播权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the NLL of the base model&apos;s own answers (self-generated replay).</source>
        <translation>基础模型自己答案之 NLL 的权重（自我生成重播）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Norm constraint ε</source>
        <translation>范数限制 ε</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep every entry within ε of its original value (FT-M / constrained FT); 0 = off.</source>
        <translation>让每个元素与原值的差都不超过 ε（FT-M／受限微调）；0 表示关闭。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay answer tokens</source>
        <translation>重播答案词元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy tokens the base model answers each replay prompt with.</source>
        <translation>基础模型回答每个重播提示词时，贪婪生成的词元数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fisher sequences</source>
        <translation>Fisher 串行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corpus sequences behind the Fisher estimate (EWC).</source>
        <translation>估计 Fisher 信息所用的语料串行数（EWC）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>乱数种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initialisation of LoRA&apos;s A (and nothing else).</source>
        <translation>LoRA 中 A 的初始化（只影响这一项）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FT + locality loss (FT-L)</source>
        <translation>FT 加局部性损失（FT-L）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning plus a KL term that holds the base model&apos;s next-token distribution on unrelated prompts (the request&apos;s locality prompts, or general-knowledge defaults). docs/design/editing-methods.md §4.</source>
        <translation>微调再加上一个 KL 项，让基础模型在无关提示词上的下一个词元分布保持不变（用请求中的局部性提示词，或默认的常识题）。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low-rank adapters: ΔW = (α/r)·B·A on the chosen weights, B starting at zero (Hu et al. 2021, as PEFT). Fewer trainable parameters: learns less, forgets less. The delta is stored as its factors. docs/design/editing-methods.md §4.</source>
        <translation>低秩转接器：在所选权重上 ΔW = (α/r)·B·A，B 从零开始（Hu 等，2021，同 PEFT）。可训练参数较少：学得较少，也忘得较少。改变量以其因子保存。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rank r</source>
        <translation>秩 r</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank of the adapters (r ≥ 1).</source>
        <translation>转接器的秩（r ≥ 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: ΔW = (α/r)·B·A.</source>
        <translation>缩放：ΔW = (α/r)·B·A。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FT + L2 toward θ₀ (L2-SP)</source>
        <translation>FT 加朝 θ₀ 的 L2（L2-SP）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning with λ‖θ − θ₀‖² added: the parameters prefer to stay near the original ones. docs/design/editing-methods.md §4.</source>
        <translation>微调时加上 λ‖θ − θ₀‖²：参数倾向留在原值附近。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FT + EWC</source>
        <translation>FT 加 EWC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning with λ Σ F(θ − θ₀)², F the diagonal Fisher of the chosen weights on a text corpus (the statistics corpus): parameters that matter for general text are held harder (Kirkpatrick et al. 2017). docs/design/editing-methods.md §4.</source>
        <translation>微调时加上 λ Σ F(θ − θ₀)²，F 为所选权重在文本语料（统计用语料）上的对角 Fisher 信息：对一般文本重要的参数被抓得更紧（Kirkpatrick 等，2017）。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>FT + self-generated replay</source>
        <translation>FT 加自我生成重播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning mixed with the base model&apos;s own greedy answers to the subject&apos;s other prompts and to general questions: replay when the original training data is not at hand. docs/design/editing-methods.md §4.</source>
        <translation>微调时混入基础模型自己对主语其他提示词与常识问题的贪婪答案：原始训练数据不在手边时的重播。docs/design/editing-methods.md §4。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/edit_command.cpp" line="+9"/>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <location filename="../app/gui/edit_request.cpp" line="+18"/>
        <source>Name the subject whose fact you want to change.</source>
        <translation>请指定要变更其事实的主语。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The prompt template needs “{}” once, where the subject goes.</source>
        <translation>提示词模板需要恰好一个“{}”，标出主语的位置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the new target the model should predict.</source>
        <translation>请给出模型应预测的新目标。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new target is the same as the true one: nothing to change.</source>
        <translation>新目标与真实目标相同：没有需要变更的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each fact to keep needs “{}” where the subject goes: “%1”.</source>
        <translation>每个要保留的事实都需要“{}”标出主语位置：“%1”。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> @ layer %1</source>
        <translation> @ 第 %1 层</translation>
    </message>
    <message>
        <location filename="../app/gui/merge_dock.cpp" line="+21"/>
        <source>Task vectors</source>
        <translation>任务向量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Task vectors on sliders</source>
        <translation>以滑块调整任务向量(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../app/gui/session.cpp" line="+96"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a session file: %2</source>
        <translation>%1 不是会话文件：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a Lancet session file</source>
        <translation>%1 不是 Lancet 会话文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was written by a newer Lancet (session version %2)</source>
        <translation>%1 由较新版的 Lancet 写入（会话版本 %2）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/gui/language.cpp" line="+32"/>
        <source>System (%1)</source>
        <translation>系统（%1）</translation>
    </message>
</context>
<context>
    <name>lancet</name>
    <message>
        <location filename="../app/gui/model_locator.cpp" line="+54"/>
        <source>No folder was given.</source>
        <translation>未指定文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be read (permissions).</source>
        <translation>无法读取 %1（权限不足）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no config.json, so it is not a model folder. A Hugging Face checkpoint folder holds config.json, the weights (*.safetensors) and the tokenizer (vocab.json and merges.txt, or tokenizer.json).</source>
        <translation>%1 没有 config.json，因此不是模型文件夹。Hugging Face 检查点文件夹包含 config.json、权重（*.safetensors）与分词器（vocab.json 与 merges.txt，或 tokenizer.json）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds PyTorch pickle weights (.bin) only. Lancet reads safetensors, which cannot run code when loaded: convert the checkpoint with transformers&apos; save_pretrained(..., safe_serialization=True).</source>
        <translation>%1 只有 PyTorch pickle 权重（.bin）。Lancet 读取 safetensors，其加载时无法运行代码：请用 transformers 的 save_pretrained(..., safe_serialization=True) 转换检查点。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has config.json but no weights (*.safetensors).</source>
        <translation>%1 有 config.json 但没有权重（*.safetensors）。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::CompareView</name>
    <message>
        <location filename="../app/gui/compare_view.cpp" line="+50"/>
        <source>Compare states of the edit history</source>
        <translation>比较编辑历史中的状态</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reference state. State 0 is the base model; state i is the model after the first i edits of the history (undone edits included: comparing visits them and comes back).</source>
        <translation>参考状态。状态 0 是基础模型；状态 i 是应用历史中前 i 个编辑后的模型（包含已撤销的编辑：比较时会切换到该状态，再切换回来）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The state compared with the reference: every delta below is this state minus the reference.</source>
        <translation>与参考状态比较的状态：下方每个差值都是此状态减去参考状态。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The edit request whose scorecard is computed at both states, with its own evaluation prompts. Scoring an edit on a state that does not carry it shows what the edits in between did to that fact.</source>
        <translation>在两个状态下计算评分卡的编辑请求，使用它自己的评估提示词。在不含该编辑的状态上为它评分，可看出中间的编辑对该事实造成了什么影响。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a prompt whose next token to compare (optional)</source>
        <translation>要比较下一个词元的提示词（选填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model&apos;s next-token probabilities for this prompt at both states; the table lists the tokens of both top-%1 lists, largest change first.</source>
        <translation>两个状态下模型对此提示词的下一词元概率；表格列出两份前 %1 名清单中的词元，变化最大者在前。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Compare</source>
        <translation>比较(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the comparison on the engine thread. The model you work on is left as it is.</source>
        <translation>在引擎线程上运行比较。您正在处理的模型保持不变。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the comparison; the model goes back to the current state.</source>
        <translation>停止比较；模型回到目前状态。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;States:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sc&amp;ore:</source>
        <translation>评分(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blue: the compared state; grey: the reference state.</source>
        <translation>蓝色：比较的状态；灰色：参考状态。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reference</source>
        <translation>参考</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>compared</source>
        <translation>比较</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next-token probabilities at both states; change in percentage points.</source>
        <translation>两个状态下的下一词元概率；变化以百分点表示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>‖ΔW‖/‖W‖ per layer, between the two states</source>
        <translation>两个状态之间各层的 ‖ΔW‖/‖W‖</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How much each weight matrix the edits touch differs between the two states, relative to its size. A ROME edit is one bar at its layer.</source>
        <translation>编辑所触及的每个权重矩阵在两个状态之间相差多少（相对于矩阵本身的大小）。一次 ROME 编辑就是其所在层的一根柱。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Pick two states and press Compare.</source>
        <translation>请选择两个状态并按“比较”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>state 0 (base model)</source>
        <translation>状态 0（基础模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state %1</source>
        <translation>状态 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>0 · base model</source>
        <translation>0 · 基础模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 · after edit %1</source>
        <translation>%1 · 第 %1 个编辑之后</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  (current)</source>
        <translation>  （目前）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  (undone)</source>
        <translation>  （已撤销）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no scorecard</source>
        <translation>无评分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>edit %1: %2</source>
        <translation>编辑 %1：%2</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Comparing %1 with %2…</source>
        <translation>正在比较 %1 与 %2…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Scorecard: choose an edit to score</source>
        <translation>评分卡：请选择要评分的编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scorecard of %1: %2 vs %3</source>
        <translation>%1 的评分卡：%2 与 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compared %1 with itself: nothing differs.</source>
        <translation>%1 与自身比较：没有任何差异。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared %1 (reference) with %2.</source>
        <translation>已比较 %1（参考）与 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled; the model is back at the current state.</source>
        <translation>已取消；模型已回到目前状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comparison failed: %1</source>
        <translation>比较失败：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Next token: type a prompt to compare</source>
        <translation>下一个词元：请输入要比较的提示词</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the scored edit&apos;s %1</source>
        <translation>被评分编辑的%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Next token after “%1”</source>
        <translation>“%1”之后的下一个词元</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No edit in the history touches any weight yet.</source>
        <translation>历史中还没有任何编辑触及权重。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n matrix/matrices differ</source>
        <translation>
            <numerusform>%n 个矩阵不同</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; the largest change is %1 of the matrix.</source>
        <translation>；最大的变化为矩阵的 %1。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::EditController</name>
    <message>
        <location filename="../app/gui/edit_controller.cpp" line="+97"/>
        <source>the edit could not be started</source>
        <translation>无法开始编辑</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The engine reports %1 applied edits but the undo stack has %2; undo/redo may not match what you see. Reopen the model to start over.</source>
        <translation>引擎报告已应用 %1 个编辑，但撤销堆栈中有 %2 个；撤销／重做可能与画面所见不符。请重新打开模型以重新开始。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>lancet::gui::EditPanel</name>
    <message>
        <location filename="../app/gui/edit_panel.cpp" line="+45"/>
        <source>e.g. {} is located in the city of</source>
        <translation>例如：{} is located in the city of</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The prompt that states the fact, with {} where the subject goes. ROME rewrites the association at the subject&apos;s last token, so other phrasings follow too.</source>
        <translation>陈述事实的提示词，以 {} 标出主语位置。ROME 会在主语的最后一个词元处改写关联，因此其他说法也会随之改变。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Space Needle</source>
        <translation>例如：Space Needle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The entity whose fact changes.</source>
        <translation>要变更其事实的实体。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Paris, or click a bar of the next-token chart</source>
        <translation>例如 Paris，或点击下一词元图表中的柱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model should say instead. Start it with a space (“ Paris”): GPT-2&apos;s tokens carry their leading space. Tip: click a token in the next-token chart.</source>
        <translation>模型应改说的内容。请以空格开头（“ Paris”）：GPT-2 的词元带有前导空格。小技巧：点击下一词元图表中的词元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional, e.g. the trace&apos;s answer</source>
        <translation>选填，例如追踪得到的答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model says now. Optional; the scorecard uses it to measure whether the new target now beats the old one.</source>
        <translation>模型目前的答案。选填；评分卡用它来衡量新目标是否已胜过旧目标。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>auto (model default)</source>
        <translation>自动（模型缺省）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The layer whose MLP output projection gets the rank-one update. Click a cell of a trace heat map to pick its layer; auto uses the published layer for known models or the MLP trace&apos;s peak.</source>
        <translation>其 MLP 输出投影接受秩一更新的层。点击追踪热图的格子即可选择该层；“自动”对已知模型使用论文发表的层，否则使用 MLP 追踪的峰值。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ROME / r-ROME</source>
        <translation>ROME / r-ROME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the edit changes the weights. Each method&apos;s parameters appear below it; hover a parameter for what it does.</source>
        <translation>编辑如何改变权重。每个方法的参数显示在其下方；将鼠标停在参数上可查看其作用。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>optional, e.g. {} was born in | {} studied at</source>
        <translation>选填，例如 {} was born in | {} studied at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject&apos;s other facts to keep, separated by “|”, each with {} for the subject. ROME changes the subject&apos;s representation, which every fact about the subject reads, so an edit of one fact drags the others along. Lancet&apos;s extension holds the model&apos;s current answer to each prompt listed here (a KL term where that fact is predicted), at the cost of a slightly weaker paraphrase effect and three times the optimisation steps. On the demo model: the subject&apos;s other facts kept 52 % → 83 % of the time.</source>
        <translation>主语要保留的其他事实，以“|”分隔，每项以 {} 代表主语。ROME 会改变主语的表示，而关于该主语的每个事实都会读取这个表示，所以编辑一个事实会连带影响其他事实。Lancet 的扩充功能会保持模型对此处所列每个提示词的目前答案（在预测该事实的位置加上 KL 项），代价是改写效果稍弱，且优化步数变为三倍。在演示模型上：主语其他事实的保留率由 52 % 提升至 83 %。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Subject:</source>
        <translation>主语(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New target:</source>
        <translation>新目标(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;True target:</source>
        <translation>真实目标(&amp;T)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Layer:</source>
        <translation>层(&amp;L)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep:</source>
        <translation>保留(&amp;K)：</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Fill in the fact to change, or type a prompt in the prompt bar and click a bar of its chart.</source>
        <translation>请填入要变更的事实，或在提示词栏输入提示词并点击其图表中的柱。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Teach: &lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;</source>
        <translation>教学：&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> instead of &lt;s&gt;%1&lt;/s&gt;</source>
        <translation> 而非 &lt;s&gt;%1&lt;/s&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, keeping %n other fact(s) of the subject</source>
        <translation>
            <numerusform>，并保留主语的其他 %n 个事实</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::GenerationPanel</name>
    <message>
        <location filename="../app/gui/generation_panel.cpp" line="+25"/>
        <source>Prompt to continue (filled from the edit)</source>
        <translation>要续写的提示词（取自编辑）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy continuation (always the most likely next token) of this prompt, on the weights before the last edit (left) and now (right).</source>
        <translation>此提示词的贪婪续写（每次都取最可能的下一个词元），左为最后一次编辑前的权重，右为目前的权重。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many tokens to generate</source>
        <translation>要生成多少个词元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate now</source>
        <translation>立即生成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the prompt with the current weights (right-hand side)</source>
        <translation>以目前的权重续写提示词（右侧）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Before the edit&lt;/b&gt;</source>
        <translation>&lt;b&gt;编辑前&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;After the edit&lt;/b&gt;</source>
        <translation>&lt;b&gt;编辑后&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Prompt:</source>
        <translation>提示词：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>(cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(failed: %1)</source>
        <translation>（失败：%1）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;i&gt;Apply an edit: the model&apos;s continuation before it appears here.&lt;/i&gt;</source>
        <translation>&lt;i&gt;应用一个编辑：模型在编辑前的续写会显示在这里。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;i&gt;…and the continuation after it, here.&lt;/i&gt;</source>
        <translation>&lt;i&gt;……编辑后的续写则显示在这里。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;i&gt;generating…&lt;/i&gt;</source>
        <translation>&lt;i&gt;生成中…&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>lancet::gui::HistoryDock</name>
    <message>
        <location filename="../app/gui/history_dock.cpp" line="+35"/>
        <source>Edit history</source>
        <translation>编辑历史</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edits in the order they were applied. Greyed entries were undone (Ctrl+Shift+Z redoes them). Select one to see its diagnostics.</source>
        <translation>依应用顺序列出的编辑。灰色条目已撤销（Ctrl+Shift+Z 可重做）。选择一项以查看其诊断信息。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare States…</source>
        <translation>比较状态…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare two states of the history: the model before and after the selected edit, or any other pair. Shows scorecard deltas, next-token probability deltas and how much each weight matrix changed, per layer.</source>
        <translation>比较历史中的两个状态：所选编辑前后的模型，或任何其他一对状态。显示评分卡差值、下一词元概率差值，以及每个权重矩阵在各层的变化量。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Division factor: ROME&apos;s closed-form update divides by (C⁻¹k)·k*; a divisor near zero means a huge, unstable update (the failure mode r-ROME fixes).
‖ΔW‖/‖W‖: how big the change is next to the matrix it changes; a rank-one edit is usually a few percent.</source>
        <translation>除数因子：ROME 的闭式更新会除以 (C⁻¹k)·k*；除数接近零代表更新量巨大且不稳定（这正是 r-ROME 修正的失败模式）。
‖ΔW‖/‖W‖：变化量相对于被改变矩阵的大小；秩一编辑通常只有几个百分比。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>optimisation step</source>
        <translation>优化步骤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss of the search for the value vector that makes the model say the new target; it should fall steadily.</source>
        <translation>搜索使模型说出新目标之值向量时的损失；它应稳定下降。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>‖ΔW‖/‖W‖ per layer</source>
        <translation>各层的 ‖ΔW‖/‖W‖</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  (undone)</source>
        <translation>  （已撤销）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No edits yet</source>
        <translation>尚无编辑</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&lt;i&gt;Each edit you apply is listed above. Select one to see its diagnostics: the layer and why, the size of the weight change, the optimisation&apos;s loss curve.&lt;/i&gt;</source>
        <translation>&lt;i&gt;您应用的每个编辑都会列在上方。选择一项以查看其诊断信息：所在层及原因、权重变化的大小、优化的损失曲线。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;i&gt;Select an edit to see its diagnostics.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选择一个编辑以查看其诊断信息。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Method: %1 · layer %2</source>
        <translation>方法：%1 · 第 %2 层</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2): ‖ΔW‖/‖W‖ %3</source>
        <translation>%1（%2）：‖ΔW‖/‖W‖ %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Division factor k·u: %1</source>
        <translation>除数因子 k·u：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>p(new target): %1 → %2</source>
        <translation>p(新目标)：%1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · %1 s</source>
        <translation> · %1 秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undone: the weights do not carry this edit now.</source>
        <translation>已撤销：目前的权重不含此编辑。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::InplaceDemoDialog</name>
    <message>
        <location filename="../app/gui/inplace_demo_dialog.cpp" line="+27"/>
        <source>Long document: In-Place TTT</source>
        <translation>长文档：In-Place TTT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A document longer than the model&apos;s context states one fact about each of several invented people. The questions come after it, asked alone: the document is no longer in the context, so the model can answer only from what it stored while reading. In-Place TTT stores it in the MLP down projections, chunk by chunk.</source>
        <translation>一份比模型上下文还长的文档，为几位虚构人物各陈述一个事实。问题在文档之后单独提出：文档已不在上下文中，模型只能靠阅读时存下的内容回答。In-Place TTT 把它逐块存进 MLP 的降维投影。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invented people in the document, one fact each (birth city, employer, university or major).</source>
        <translation>文档中的虚构人物，每人一个事实（出生城市、雇主、大学或主修）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which invented people and facts: the same seed gives the same document.</source>
        <translation>决定哪些虚构人物与事实：相同的种子产生相同的文档。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passes of ordinary fine-tuning on the document (the upper bound: it sees the document many times, In-Place TTT once). On a laptop CPU 20 epochs take about half a minute.</source>
        <translation>在文档上做一般微调的轮数（上限：它把文档看很多次，In-Place TTT 只看一次）。在笔电 CPU 上 20 轮约需半分钟。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also with the trained add-on</source>
        <translation>也用训练好的附加组件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model folder&apos;s inplace-ttt.safetensors: the rule&apos;s conv and projection trained for this model (lancet-cli train …/inplace-ttt-recipe.json). Without it only the fixed rule runs.</source>
        <translation>模型文件夹中的 inplace-ttt.safetensors：为这个模型训练的规则 conv 与投影（lancet-cli train …/inplace-ttt-recipe.json）。没有它时只运行固定规则。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Facts:</source>
        <translation>事实数：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tune epochs:</source>
        <translation>微调轮数：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recall</source>
        <translation>回想率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer NLL</source>
        <translation>答案 NLL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First-token rank</source>
        <translation>首词元排名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recall: questions whose every answer token is the model&apos;s first choice. Answer NLL: the mean negative log-likelihood of the answer&apos;s tokens (lower is better). Rank: where the answer&apos;s first token stands among all tokens (1 = first).</source>
        <translation>回想率：答案每个词元都是模型首选的问题比例。答案 NLL：答案词元的平均负对数概似（越低越好）。排名：答案第一个词元在所有词元中的名次（1 = 第一）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next-token loss of the document, chunk by chunk</source>
        <translation>文档的下一词元损失，逐块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chunk</source>
        <translation>块</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NLL (nats)</source>
        <translation>NLL（nats）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Press Run. The model&apos;s weights are never changed: every setting runs on copies.</source>
        <translation>按“运行”。模型的权重不会被改动：每种设置都在副本上运行。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Running: %1 (Esc cancels)</source>
        <translation>运行中：%1（Esc 取消）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading the document… (Esc cancels)</source>
        <translation>正在阅读文档…（Esc 取消）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled; the model&apos;s weights are as they were.</source>
        <translation>已取消；模型的权重维持原样。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>fine-tune on the document</source>
        <translation>在文档上微调</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>NLL</source>
        <translation>NLL</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+34"/>
        <source>no adaptation</source>
        <translation>不调适</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>in-place TTT, fixed rule</source>
        <translation>in-place TTT，固定规则</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>in-place TTT, trained add-on</source>
        <translation>in-place TTT，训练好的附加组件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 facts in a document of %2 tokens (context %3, chunks of %4); questions asked alone after it (protocol ttt-inplace-chunk). %5</source>
        <translation>%2 个词元的文档中有 %1 个事实（上下文 %3，每块 %4）；问题在文档之后单独提出（协定 ttt-inplace-chunk）。%5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model&apos;s weights are untouched.</source>
        <translation>模型的权重未被改动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning: a weight slot was not restored.</source>
        <translation>警告：有一个权重槽未还原。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::JobMonitor</name>
    <message>
        <location filename="../app/gui/job_monitor.cpp" line="+28"/>
        <source>Cancel the running job (Esc). A cancelled trace keeps the cells it has computed.</source>
        <translation>取消运行中的工作（Esc）。已取消的追踪会保留已计算的格子。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source> (+%1 queued)</source>
        <translation> （另有 %1 个排队中）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::LectureTour</name>
    <message>
        <location filename="../app/gui/lecture_tour.cpp" line="+72"/>
        <source>Skip tour</source>
        <translation>跳过导览</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the tour; Help ▸ Lecture tour… opens it again.</source>
        <translation>关闭导览；“帮助 ▸ 课程导览…”可再次打开。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Lecture tour · step %1 of %2:</source>
        <translation>课程导览 · 第 %1 步，共 %2 步：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the model a fact</source>
        <translation>向模型询问一个事实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A language model keeps facts in its weights. Ask it one: the prompt bar gets &lt;i&gt;The Space Needle is located in the city of&lt;/i&gt;, and the bars show how likely each next token is.</source>
        <translation>语言模型把事实存在权重里。问它一个：提示词栏会填入 &lt;i&gt;The Space Needle is located in the city of&lt;/i&gt;，柱条显示每个下一个词元的可能性。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where is the fact stored?</source>
        <translation>事实存在哪里？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causal tracing blurs the subject&apos;s words with noise, then restores one hidden state at a time. Where restoring brings &lt;i&gt;Seattle&lt;/i&gt; back, the fact flows through. The bright MLP cells at the subject, in the middle layers, are where an edit can write.</source>
        <translation>因果追踪用噪声破坏主语的词元，再一次恢复一个隐藏状态。恢复后如果 &lt;i&gt;Seattle&lt;/i&gt; 回来了，事实就流经该处。主语上、中间层那些明亮的 MLP 格子，就是编辑可以写入的位置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit it by fine-tuning</source>
        <translation>用微调编辑它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model that the Space Needle is in &lt;i&gt;Taipei&lt;/i&gt; by plain fine-tuning (method FT) on that one sentence. Then read the scorecard: efficacy rises, but locality (facts about other places) falls. The operation succeeded; the patient died.</source>
        <translation>用单纯的微调（方法 FT）在这一句上教模型：Space Needle 位于 &lt;i&gt;Taipei&lt;/i&gt;。然后看评分卡：有效性上升，但局部性（关于其他地方的事实）下降。手术成功，病人死亡。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every edit can be taken back exactly: the engine restores the saved weights. Undo the fine-tuning before trying a better surgeon.</source>
        <translation>每个编辑都能精确地撤回：引擎会恢复保存的权重。在换一位更好的外科医生之前，先撤销这次微调。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit it with ROME</source>
        <translation>用 ROME 编辑它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ROME writes the new fact as a rank-one change to one MLP layer, the one the trace found. Compare the scorecard with fine-tuning&apos;s: the edit holds, and this time locality is kept.</source>
        <translation>ROME 把新事实写成单一 MLP 层的秩一变化，也就是追踪找到的那一层。与微调的评分卡比较：编辑成立，而这次局部性保住了。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merge task vectors</source>
        <translation>合并任务向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A task vector is what a fine-tune changed: θ&lt;sub&gt;fine-tuned&lt;/sub&gt; − θ&lt;sub&gt;base&lt;/sub&gt;. Add one in (&lt;i&gt;%1&lt;/i&gt;, weight +1) and negate another out (&lt;i&gt;%2&lt;/i&gt;, weight −1: a planted private record is forgotten). The merge dock scores each task as the sliders move.</source>
        <translation>任务向量就是一次微调所改变的量：θ&lt;sub&gt;fine-tuned&lt;/sub&gt; − θ&lt;sub&gt;base&lt;/sub&gt;。加入一个（&lt;i&gt;%1&lt;/i&gt;，权重 +1），再以负号移除另一个（&lt;i&gt;%2&lt;/i&gt;，权重 −1：植入的私人记录被遗忘）。合并面板会随滑块移动为每个任务评分。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Many edits: the forgetting curve</source>
        <translation>大量编辑：遗忘曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One edit is easy; hundreds are not. The sequential edits window opens filled in with the model&apos;s own facts, edited batch after batch by MEMIT. Press Run there and watch earlier edits and unrelated facts fade; then try AlphaEdit.</source>
        <translation>一次编辑很容易，数百次就不是了。连续编辑窗口打开时已填好模型自己的事实，由 MEMIT 一批接一批地编辑。在那里按“运行”，看着先前的编辑与无关的事实逐渐消失；再试试 AlphaEdit。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep learning at test time</source>
        <translation>在测试时持续学习</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A model can also adapt while it is used, to a stream of inputs without labels. The test-time training window opens filled in with a short shifting stream and four methods; press Run there and watch accuracy, entropy and forgetting.</source>
        <translation>模型也能在使用时，对没有标签的输入流进行适应。测试时训练窗口打开时已填好一段短暂变化的输入流与四种方法；在那里按“运行”，观察准确率、熵与遗忘。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That was the lecture</source>
        <translation>课程到此结束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask, locate, edit, judge, merge, keep learning. Everything the tour did is in the menus; Help ▸ Lecture tour… starts it again.</source>
        <translation>询问、定位、编辑、评估、合并、持续学习。导览做过的一切都在菜单里；“帮助 ▸ 课程导览…”可重新开始。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run this step</source>
        <translation>运行这一步</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Running…</source>
        <translation>运行中…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This step did not work: %1</source>
        <translation>这一步没有成功：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the demo model could not be opened</source>
        <translation>无法打开演示模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The model&apos;s answer: “%1”.</source>
        <translation>模型的答案：“%1”。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the trace was cancelled</source>
        <translation>追踪已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The brightest MLP cell over the subject is at layer %1; the edit form took it.</source>
        <translation>主语上最亮的 MLP 格子在第 %1 层；编辑表单已采用它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the trace did not start</source>
        <translation>追踪没有开始</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>this build has no %1 method</source>
        <translation>此版本没有 %1 方法</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Efficacy</source>
        <translation>有效性</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>locality</source>
        <translation>局部性</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No edit to undo: the model has its original weights.</source>
        <translation>没有可撤销的编辑：模型保有原始权重。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undone: the model has its original weights again.</source>
        <translation>已撤销：模型恢复原始权重。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>this build has no merge dock</source>
        <translation>此版本没有合并面板</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the demo model&apos;s task vectors were not found</source>
        <translation>找不到演示模型的任务向量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merged: %1 at +1, %2 at −1.</source>
        <translation>已合并：%1 权重 +1，%2 权重 −1。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the sequential edits window could not open</source>
        <translation>无法打开连续编辑窗口</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+11"/>
        <source>The window is open and filled in: press Run in it.</source>
        <translation>窗口已打开并填好：请在其中按“运行”。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>the test-time training window could not open</source>
        <translation>无法打开测试时训练窗口</translation>
    </message>
</context>
<context>
    <name>lancet::gui::LensPanel</name>
    <message>
        <location filename="../app/gui/lens_panel.cpp" line="+33"/>
        <source>the prompt bar&apos;s prompt</source>
        <translation>提示词栏的提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The prompt read through the lens, every layer and every position.</source>
        <translation>通过 logit 透镜读取的提示词：每一层、每个位置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>model&apos;s top-1</source>
        <translation>模型的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token whose probability shades the cells. Empty: the model&apos;s own next-token prediction.</source>
        <translation>以其概率为格子着色的词元。留空：模型自己预测的下一个词元。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How many of each cell&apos;s most likely tokens its tooltip lists.</source>
        <translation>每个格子的提示说明列出几个最可能的词元。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+52"/>
        <location filename="../app/gui/lens_panel_compare.cpp" line="+113"/>
        <location line="+1"/>
        <source>p(answer)</source>
        <translation>p(答案)</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>top-1 probability</source>
        <translation>第一名的概率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p(answer): how early in depth the answer takes shape. Top-1 probability: how sure each layer already is of its own guess.</source>
        <translation>p(答案)：答案在多浅的层就已成形。第一名的概率：每一层对自己的猜测已有多确定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Read layers</source>
        <translation>读取各层(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>P&amp;rompt:</source>
        <translation>提示词(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ans&amp;wer:</source>
        <translation>答案(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Top-k:</source>
        <translation>前 k 名：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shade by:</source>
        <translation>着色依据：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The logit lens reads the residual stream after every layer through the model&apos;s own final norm and unembedding: each cell is the token the model would predict if it stopped there. Bold cells already put the answer first.</source>
        <translation>logit 透镜以模型自己的最终归一化与反嵌入读取每一层之后的残差流：每个格子是模型若在该处停下会预测的词元。粗体格子已把答案排在第一。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rows: layers (the last one is the model&apos;s output). Columns: positions. Darker: more probable. Hover a cell for its top tokens.</source>
        <translation>行：层（最后一层即模型的输出）。列：位置。颜色越深：概率越高。将鼠标悬停在格子上可查看其前几名词元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Before/after edit</source>
        <translation>编辑前后(&amp;B)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edited model</source>
        <translation>编辑后的模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which model the table shows: the weights with the edits, or the base model the edits were made on. The plot beside it shows both.</source>
        <translation>表格显示哪一个模型：应用了编辑的权重，或编辑所依据的基础模型。旁边的图同时显示两者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sh&amp;ow:</source>
        <translation>显示(&amp;O)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new answer&apos;s probability at the last position, read after every layer, before the edit and after it. The curves part where the edit starts to act; the layer where the edited curve rises is where the new answer appears in depth. The last layer is the model&apos;s output.</source>
        <translation>新答案在最后一个位置的概率，在每一层之后读取，编辑前与编辑后各一条。两条曲线分开之处就是编辑开始起作用的地方；编辑后曲线上升的那一层，就是新答案在深度上出现的位置。最后一层即模型的输出。</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Logit lens cancelled.</source>
        <translation>已取消 logit 透镜。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Logit lens failed: %1</source>
        <translation>logit 透镜失败：%1</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Reading every layer of “%1”…</source>
        <translation>正在读取“%1”的每一层…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Answer %1</source>
        <translation>答案 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: first the top token at the last position at layer %1 of %2</source>
        <translation>：在最后一个位置，于第 %1 层（共 %2 层）首次成为第一名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: never the top token at the last position</source>
        <translation>：在最后一个位置从未成为第一名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/gui/lens_panel_compare.cpp" line="-72"/>
        <source>layer %1 of %2</source>
        <translation>第 %1 层（共 %2 层）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read the lens of the base model and of the edited model for the last edit&apos;s prompt “%1”, with its new target %2 as the answer: the depth at which the new answer appears. The engine undoes and redoes the edits exactly to read both; the model ends as it was.</source>
        <translation>以最后一次编辑的提示词“%1”、并以其新目标 %2 为答案，读取基础模型与编辑后模型的 logit 透镜：新答案在哪个深度出现。引擎以精确的撤销与重做读取两者，结束时模型保持原样。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply an edit first: this reads the logit lens of the base model and of the edited model side by side.</source>
        <translation>请先应用一个编辑：此功能会并排读取基础模型与编辑后模型的 logit 透镜。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reading every layer of “%1” before and after the edit…</source>
        <translation>正在读取“%1”在编辑前后的每一层…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>p(%1) at the last position</source>
        <translation>最后一个位置的 p(%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited model</source>
        <translation>编辑后的模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>edited layer %1</source>
        <translation>编辑的层 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (the first token of “%2”)</source>
        <translation>%1（“%2”的第一个词元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New answer %1: the top token at the last position from %2 after the edit (base model: %3); p at the output %4 → %5 · %6 s</source>
        <translation>新答案 %1：编辑后自%2起成为最后一个位置的第一名（基础模型：%3）；输出处的 p 为 %4 → %5 · %6 秒</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MainWindow</name>
    <message>
        <location filename="../app/gui/main_window.cpp" line="+74"/>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hidden-state</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Causal trace</source>
        <translation>因果追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching</source>
        <translation>修补</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logit lens</source>
        <translation>logit 透镜</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrupt the subject with noise and restore one state at a time (ROME).</source>
        <translation>以噪声破坏主语，再一次恢复一个状态（ROME）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy activations between the prompt and a counterfactual prompt of the same length: exact, or estimated by attribution.</source>
        <translation>在提示词与等长的反事实提示词之间复制激活值：精确计算，或以归因估计。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token each layer would predict, read through the final norm and unembedding.</source>
        <translation>每一层会预测的词元，通过最终归一化与反嵌入读取。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scorecard</source>
        <translation>评分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generations</source>
        <translation>生成结果</translation>
    </message>
    <message>
        <location line="+80"/>
        <location line="+1"/>
        <source>Exported the edited model to %1</source>
        <translation>已将编辑后的模型导出至 %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Only %1 of the session&apos;s %2 edits could be replayed: %3</source>
        <translation>会话的 %2 个编辑中只有 %1 个能重放：%3</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Session restored: %n edit(s) replayed</source>
        <translation>
            <numerusform>已恢复会话：重放了 %n 个编辑</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 errors · %2 warnings</source>
        <translation>%1 个错误 · %2 个警告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Autosave failed: %1</source>
        <translation>自动保存失败：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New target: %1</source>
        <translation>新目标：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prediction: %1</source>
        <translation>预测：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Trace cancelled: the maps show the cells computed so far</source>
        <translation>追踪已取消：热图显示目前已计算的格子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace finished. Click a cell to edit at its layer.</source>
        <translation>追踪完成。点击一个格子即可在该层进行编辑。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>from the %1 map, layer %2</source>
        <translation>来自 %1 热图，第 %2 层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (p = %1)</source>
        <translation> （p = %1）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>from the patching MLP map, layer %1</source>
        <translation>来自修补的 MLP 热图，第 %1 层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (score %1)</source>
        <translation>（分数 %1）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>from the logit lens, layer %1</source>
        <translation>来自 logit 透镜，第 %1 层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (p %1)</source>
        <translation>（p %1）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Edit layer set to %1</source>
        <translation>编辑层已设为 %1</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 failed: a file could not be read or written (%2)</source>
        <translation>%1 失败：无法读取或写入文件（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: out of memory (%2)</source>
        <translation>%1 失败：内存不足（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+227"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location line="-216"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened %1 (%2 layers)</source>
        <translation>已打开 %1（%2 层）</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Replaying %n edit(s) of the session…</source>
        <translation>
            <numerusform>正在重放会话的 %n 个编辑…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../app/gui/main_window_actions.cpp" line="+244"/>
        <source>no model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the model was cancelled</source>
        <translation>已取消打开模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not open the model %1: %2</source>
        <translation>无法打开模型 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/gui/main_window_session.cpp" line="+85"/>
        <location line="+102"/>
        <source>Open another model…</source>
        <translation>打开其他模型…</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+35"/>
        <source>Open a model first (Ctrl+O)</source>
        <translation>请先打开模型（Ctrl+O）</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Type the prompt to trace in the prompt bar</source>
        <translation>请在提示词栏输入要追踪的提示词</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Edit: %1</source>
        <translation>编辑：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Computing the edit… (Esc cancels)</source>
        <translation>正在计算编辑…（按 Esc 取消）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the edit…</source>
        <translation>正在等待编辑…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Applied at layer %1</source>
        <translation>已应用于第 %1 层</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>: p(%1) %2 → %3</source>
        <translation>：p(%1) %2 → %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit %1: %2</source>
        <translation>编辑 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancelled: the model is unchanged.</source>
        <translation>已取消：模型未变更。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of memory: the model is unchanged. %1</source>
        <translation>内存不足：模型未变更。%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No edit to judge.</source>
        <translation>没有可评判的编辑。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Exporting to %1…</source>
        <translation>正在导出至 %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/gui/main_window_actions.cpp" line="-140"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/gui/main_window_actions.cpp" line="+5"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_actions.cpp" line="-59"/>
        <source>Lancet sessions (*.lancet-session.json *.json)</source>
        <translation>Lancet 会话（*.lancet-session.json *.json）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Open Model Folder…</source>
        <translation>打开模型文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a Hugging Face checkpoint folder (config.json + *.safetensors)</source>
        <translation>打开 Hugging Face 检查点文件夹（config.json + *.safetensors）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen a saved session: its model, then its edits in order</source>
        <translation>重新打开已保存的会话：先打开其模型，再依序应用其编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save Session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the model, the edits, the prompts and the trace settings</source>
        <translation>保存模型、编辑、提示词与追踪设置</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save Session &amp;As…</source>
        <translation>另存会话(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export Edited Model…</source>
        <translation>导出编辑后的模型(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the edited weights as a new checkpoint folder that any tool can load</source>
        <translation>将编辑后的权重写成新的检查点文件夹，任何工具都能加载</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Lancet</source>
        <translation>退出 Lancet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device, dtype, threads, statistics corpus, colours</source>
        <translation>设备、dtype、线程、统计语料、色彩</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take the last edit back out of the weights (exactly: the engine restores the saved values)</source>
        <translation>将最后一个编辑从权重中移除（精确恢复：引擎会恢复已保存的数值）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put the undone edit back</source>
        <translation>重新应用已撤销的编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Apply Edit</source>
        <translation>应用编辑(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute the ROME edit and write it into the weights; the scorecard follows</source>
        <translation>计算 ROME 编辑并写入权重；接着计算评分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+88"/>
        <source>&amp;Trace</source>
        <translation>追踪(&amp;T)</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Causal trace of the prompt: find the layers and tokens that recall the fact</source>
        <translation>对提示词进行因果追踪：找出回忆起该事实的层与词元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running trace or edit</source>
        <translation>停止运行中的追踪或编辑</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Score Edit Again</source>
        <translation>重新为编辑评分(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the scorecard of the last edit</source>
        <translation>重新计算最后一个编辑的评分卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ompare States…</source>
        <translation>比较状态(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare two states of the edit history: scorecards, next-token probabilities and the change of each weight matrix per layer</source>
        <translation>比较编辑历史中的两个状态：评分卡、下一词元概率，以及每个权重矩阵在各层的变化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare &amp;Methods…</source>
        <translation>比较方法(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The edit in the form, made by each method (fine-tuning, its remedies, ROME) and undone before the next: reliability, generality and locality side by side</source>
        <translation>以每种方法（微调、其改良方法、ROME）分别完成表单中的编辑，并在下一个方法前撤销：可靠性、泛化性与局部性并列比较</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Sequential Edits…</source>
        <translation>连续编辑(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit hundreds of a dataset&apos;s facts in, one after another, and watch the forgetting curve: earlier edits kept, locality, fact recall, weight growth (ROME vs MEMIT vs AlphaEdit)</source>
        <translation>将数据集中的数百个事实一个接一个编辑进模型，观察遗忘曲线：先前编辑的保留、局部性、事实回忆、权重增长（ROME、MEMIT 与 AlphaEdit 比较）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test-Time &amp;Training…</source>
        <translation>测试时训练(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model adapts to a stream of unlabeled inputs while answering them (TENT, episodic, periodic reset, fast/slow): accuracy, entropy collapse and forgetting, live, one line per method</source>
        <translation>模型在回答一连串无标签输入的同时进行适应（TENT、逐段、定期重设、快／慢）：即时显示准确率、熵崩塌与遗忘，每种方法一条线</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Lecture Tour…</source>
        <translation>课程导览(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The lecture&apos;s story on the demo model, one click a step: ask a fact, trace it, edit it by fine-tuning and by ROME, merge task vectors, keep learning</source>
        <translation>在演示模型上走一遍课程的故事，一步一键：询问事实、追踪它、用微调与 ROME 编辑它、合并任务向量、持续学习</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Recent Model</source>
        <translation>最近打开的模型(&amp;R)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quick Start</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Lancet</source>
        <translation>关于 Lancet(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Architecture · device · dtype of the open model</source>
        <translation>已打开模型的架构 · 设备 · dtype</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the problems dock</source>
        <translation>显示问题面板</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(none yet)</source>
        <translation>（尚无）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear the list</source>
        <translation>清除清单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open a session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export the edited model to a new folder</source>
        <translation>将编辑后的模型导出至新文件夹</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The new device and dtype apply the next time a model is opened.</source>
        <translation>新的设备与 dtype 将在下次打开模型时生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen now</source>
        <translation>立即重新打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The thread count takes effect at the next start</source>
        <translation>线程数量将在下次启动时生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new language applies when Lancet is started again.</source>
        <translation>新的语言会在下次启动 Lancet 时应用。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&lt;b&gt;Locate&lt;/b&gt;: type a prompt that states a fact (“The Space Needle is located in the city of”) and press Trace (Ctrl+T). &lt;b&gt;Edit&lt;/b&gt;: click the brightest MLP cell at the subject&apos;s last token, type the new target (“ Paris”) and press Apply (Ctrl+Return). &lt;b&gt;Judge&lt;/b&gt;: read the scorecard and the generations; Ctrl+Z takes the edit back.</source>
        <translation>&lt;b&gt;定位&lt;/b&gt;：输入陈述事实的提示词（“The Space Needle is located in the city of”），然后按“追踪”（Ctrl+T）。&lt;b&gt;编辑&lt;/b&gt;：点击主语最后一个词元处最亮的 MLP 格子，输入新目标（“ Paris”），然后按“应用”（Ctrl+Return）。&lt;b&gt;评判&lt;/b&gt;：阅读评分卡与生成结果；Ctrl+Z 可撤回编辑。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lecture tour</source>
        <translation>课程导览</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>About Lancet</source>
        <translation>关于 Lancet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Lancet %1&lt;/h3&gt;&lt;p&gt;A workbench for model surgery: locate a fact with causal tracing, edit it with ROME, judge it with scorecards.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lancet %1&lt;/h3&gt;&lt;p&gt;模型手术工作台：以因果追踪定位事实，以 ROME 编辑事实，以评分卡评判结果。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="-135"/>
        <source>No model is open. Open a Hugging Face checkpoint folder (config.json + *.safetensors) to start.</source>
        <translation>尚未打开模型。请打开 Hugging Face 检查点文件夹（config.json + *.safetensors）以开始。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Model Folder…</source>
        <translation>打开模型文件夹…</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Lancet did not shut down cleanly last time. Recover the autosaved session (%1, %n edit(s))?</source>
        <translation>
            <numerusform>Lancet 上次未正常关闭。要恢复自动保存的会话吗（%1，%n 个编辑）？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard</source>
        <translation>舍弃</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Session saved to %1</source>
        <translation>会话已保存至 %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+2"/>
        <source>The session&apos;s model cannot be opened: %1</source>
        <translation>无法打开会话的模型：%1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Unsaved edits</source>
        <translation>未保存的编辑</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The model carries %n edit(s) that are not saved in a session. Save the session before closing?</source>
        <translation>
            <numerusform>模型带有 %n 个尚未保存到会话的编辑。关闭前要保存会话吗？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::MergeApplyBox</name>
    <message>
        <location filename="../app/gui/merge_apply_box.cpp" line="+18"/>
        <source>SLERP</source>
        <translation>SLERP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NuSLERP</source>
        <translation>NuSLERP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-SLERP</source>
        <translation>Multi-SLERP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Karcher mean</source>
        <translation>Karcher 平均</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model Stock</source>
        <translation>Model Stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breadcrumbs</source>
        <translation>Breadcrumbs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breadcrumbs + TIES</source>
        <translation>Breadcrumbs + TIES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELLA</source>
        <translation>DELLA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELLA (linear)</source>
        <translation>DELLA（线性）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCE</source>
        <translation>SCE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NearSwap</source>
        <translation>NearSwap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arcee Fusion</source>
        <translation>Arcee Fusion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linear (model soup)</source>
        <translation>线性（模型汤）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Spherical interpolation between the base and one task&apos;s model at t (mergekit&apos;s slerp).</source>
        <translation>在基础模型与一个任务的模型之间，于 t 处做球面插值（mergekit 的 slerp）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLERP of two tasks&apos; vectors at t = w2 / (w1 + w2), with the base as origin.</source>
        <translation>以基础模型为原点，对两个任务的向量在 t = w2 / (w1 + w2) 处做 SLERP。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weighted spherical mean of the tasks&apos; vectors (or models).</source>
        <translation>各任务向量（或模型）的加权球面平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Riemannian (Karcher) mean of the models on the sphere, found iteratively.</source>
        <translation>以迭代求得各模型在球面上的黎曼（Karcher）平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model Stock (Jang et al. 2024): moves from the base toward the tasks&apos; average by t = N cos / (1 + (N - 1) cos), from the angle between the task vectors. Needs two or more.</source>
        <translation>Model Stock（Jang et al. 2024）：依任务向量之间的夹角，从基础模型朝各任务的平均移动 t = N cos / (1 + (N - 1) cos)。需要两个以上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breadcrumbs (Davari &amp; Belilovsky 2024): drop each vector&apos;s largest (gamma) and smallest (1 - density - gamma) entries, then add.</source>
        <translation>Breadcrumbs（Davari &amp; Belilovsky 2024）：丢弃每个向量中最大（gamma）与最小（1 - 密度 - gamma）的项，再相加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breadcrumbs&apos; trimming, then TIES&apos; sign election.</source>
        <translation>先做 Breadcrumbs 的修剪，再做 TIES 的符号选举。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELLA (Deep et al. 2024): drop entries at random, less often the larger they are (epsilon sets the spread), rescale, then TIES&apos; sign election.</source>
        <translation>DELLA（Deep et al. 2024）：随机丢弃项，越大的项越少被丢（epsilon 决定差距），重新缩放，再做 TIES 的符号选举。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DELLA&apos;s magnitude-ranked random drop and rescale, then a plain sum.</source>
        <translation>DELLA 依大小排名的随机丢弃与重新缩放，再直接相加。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCE (FuseChat 2.0): keep the entries whose values vary most across the tasks, weight each task by its energy, average the sign-consistent ones.</source>
        <translation>SCE（FuseChat 2.0）：保留在各任务间变化最大的项，依能量为每个任务加权，再平均符号一致的项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the task model&apos;s value wherever it lies within t of the base&apos;s.</source>
        <translation>凡任务模型的值与基础模型相差在 t 以内之处，就采用任务模型的值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep only the changes whose importance passes a quartile threshold (Arcee).</source>
        <translation>只保留重要性超过四分位数门槛的变化（Arcee）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weighted average of the models.</source>
        <translation>各模型的加权平均。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Interpolation factor: 0 = the base, 1 = the other model.</source>
        <translation>插值系数：0 = 基础模型，1 = 另一个模型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale of the merged task vector before it is added to the base.</source>
        <translation>合并后的任务向量加到基础模型之前的缩放倍数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divide by the sum of the weights (a weighted mean rather than a sum).</source>
        <translation>除以权重总和（加权平均而非总和）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After dropping entries, scale the rest up so the vector keeps its size.</source>
        <translation>丢弃部分项后，放大其余的项，让向量保持原本的大小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store masks as 8-bit integers (mergekit&apos;s memory saving; same result).</source>
        <translation>以 8 比特整数保存遮罩（mergekit 的省内存做法；结果相同）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breadcrumbs: the fraction of largest entries dropped as outliers.</source>
        <translation>Breadcrumbs：被当作离群值丢弃的最大项比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELLA: how much the keep probability varies with an entry&apos;s magnitude rank.</source>
        <translation>DELLA：保留几率随项的大小排名变化的幅度。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCE: the fraction of entries with the highest variance across tasks that are kept.</source>
        <translation>SCE：保留的、在各任务间变异最大的项的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model Stock: one interpolation factor per row instead of one per tensor.</source>
        <translation>Model Stock：每一列一个插值系数，而不是每个张量一个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NuSLERP: treat each tensor as one long vector.</source>
        <translation>NuSLERP：把每个张量当成一个长向量。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NuSLERP: interpolate row by row instead of column by column.</source>
        <translation>NuSLERP：逐列插值，而不是逐行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-SLERP: make the weights sum to 1.</source>
        <translation>Multi-SLERP：让权重总和为 1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A small number that keeps divisions finite.</source>
        <translation>让除法保持有限值的小数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Karcher mean: the most iterations.</source>
        <translation>Karcher 平均：最多迭代次数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Karcher mean: stop when a step moves less than this.</source>
        <translation>Karcher 平均：一步移动小于此值时停止。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+104"/>
        <source>&amp;Apply merge</source>
        <translation>应用合并(&amp;A)</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Merge once with this method: the tasks whose slider is not at 0 take part, with their slider weights where the method has weights. Moving a slider afterwards does not re-merge; press Apply again.</source>
        <translation>用这个方法合并一次：滑杆不在 0 的任务参与合并，方法有权重时使用滑杆的权重。之后移动滑杆不会重新合并；请再按一次“应用”。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 Takes %2 task(s)%3; merges once, when you press Apply.</source>
        <translation>%1 需要 %2 个任务%3；按下“应用”时合并一次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> besides the base</source>
        <translation>（基础模型之外）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (each task):</source>
        <translation>%1（每个任务）：</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Merging…</source>
        <translation>合并中…</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MergePanel</name>
    <message>
        <location filename="../app/gui/merge_panel.cpp" line="+54"/>
        <source>Base model folder (its task vectors are in tasks/)</source>
        <translation>基础模型文件夹（其任务向量位于 tasks/）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open tasks</source>
        <translation>打开任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load the base model&apos;s task vectors (BASE/tasks/*/) into a merge of their own: the workbench&apos;s model is not touched.</source>
        <translation>将基础模型的任务向量（BASE/tasks/*/）加载一个独立的合并中：工作台的模型不受影响。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export YAML…</source>
        <translation>导出 YAML…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the merge as it stands as a mergekit configuration: lancet-cli merge CONFIG.yml (or mergekit) reproduces these weights.</source>
        <translation>将目前的合并保存为 mergekit 设置：lancet-cli merge CONFIG.yml（或 mergekit）可重现这些权重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Task arithmetic</source>
        <translation>任务算术</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIES</source>
        <translation>TIES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DARE</source>
        <translation>DARE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DARE + TIES</source>
        <translation>DARE + TIES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task arithmetic: base + sum of weight x task vector (Ilharco et al. 2023).
TIES: keep each vector&apos;s largest entries, elect a sign per weight, average the agreeing ones (Yadav et al. 2023).
DARE: drop entries at random and rescale the rest by 1/density (Yu et al. 2024); the drop pattern is seeded, so it does not flicker.
The methods below the line merge once, when you press Apply.</source>
        <translation>任务算术：基础 + Σ 权重 × 任务向量（Ilharco et al. 2023）。
TIES：保留每个向量中最大的项，为每个权重选出一个符号，再平均符号一致的项（Yadav et al. 2023）。
DARE：随机丢弃一些项，并将其余的项乘以 1/密度（Yu et al. 2024）；丢弃模式有固定种子，所以不会闪动。
分隔线以下的方法在按下“应用”时才合并一次。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Density: the fraction of each task vector kept (TIES: the largest entries; DARE: a random subset, so drop rate = 1 - density).</source>
        <translation>密度：每个任务向量保留的比例（TIES：最大的项；DARE：随机子集，因此丢弃率 = 1 - 密度）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Merged model vs base</source>
        <translation>合并模型与基础模型比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No scores yet: open the tasks and move a slider.</source>
        <translation>尚无分数：请打开任务并移动滑块。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base</source>
        <translation>基础</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>merged</source>
        <translation>合并后</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a base model&apos;s task vectors to merge them.</source>
        <translation>打开基础模型的任务向量以进行合并。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Base:</source>
        <translation>基础：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Density:</source>
        <translation>密度：</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Export mergekit YAML</source>
        <translation>导出 mergekit YAML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mergekit configuration (*.yml *.yaml)</source>
        <translation>mergekit 设置（*.yml *.yaml）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a base model folder first.</source>
        <translation>请先选择基础模型文件夹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the base model and its task vectors...</source>
        <translation>正在加载基础模型及其任务向量...</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 merges %2 task(s) besides the base; move the sliders of exactly those away from 0 (%3 are now).</source>
        <translation>%1 在基础模型之外合并 %2 个任务；请把恰好这些任务的滑杆移离 0（目前有 %3 个）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Merging %1 with %2…</source>
        <translation>正在用 %2 合并 %1…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 tensors, %2 parameters</source>
        <translation>%1 个张量，%2 个参数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weight of %1: 0 = the base, 1 = the fine-tuned model, -1 = the task negated (subtracted: forgetting), 2 = pushed twice as far.</source>
        <translation>%1 的权重：0 = 基础模型，1 = 微调后的模型，-1 = 取反的任务（相减：遗忘），2 = 推进两倍远。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 merges when you press Apply (the sliders choose the tasks and their weights).</source>
        <translation>%1 在按下“应用”时才合并（滑杆决定参与的任务与其权重）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>exact match, %1 prompts</source>
        <translation>完全符合，%1 个提示词</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share of the task&apos;s evaluation prompts (trained and held-out phrasings) the model completes exactly right. For a private-record task this is the leak rate: lower is better.</source>
        <translation>模型完全答对的任务评估提示词（训练用与保留的说法）所占比例。对私人记录任务而言，这就是泄漏率：越低越好。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base facts kept</source>
        <translation>保留的基础事实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 facts</source>
        <translation>%1 个事实</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Of a sample of the base model&apos;s facts that it answers right, the share the merged model still answers right (locality).</source>
        <translation>在基础模型答对的事实样本中，合并模型仍然答对的比例（局部性）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fluency</source>
        <translation>流畅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updating…</source>
        <translation>更新中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n-gram entropy, bits</source>
        <translation>n-gram 熵（比特）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ROME&apos;s n-gram entropy of a short greedy continuation: it drops when the model starts repeating itself.</source>
        <translation>ROME 所用的短贪婪续写之 n-gram 熵：当模型开始自我重复时会下降。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;i&gt;Greedy text:&lt;/i&gt; %1</source>
        <translation>&lt;i&gt;贪婪文本：&lt;/i&gt;%1</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n task vector(s) loaded; every weight at 0 is the base model.</source>
        <translation>
            <numerusform>已加载 %n 个任务向量；所有权重为 0 时即为基础模型。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 merged %2 in %3 ms; scored in %4 ms. Export YAML saves this merge.</source>
        <translation>%1 在 %3 ms 内合并了 %2；评分用了 %4 ms。“导出 YAML”可保存这次合并。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>merged in %1 ms; accuracies %2 ms from the slider, fluency at %3 ms</source>
        <translation>合并耗时 %1 毫秒；滑块后 %2 毫秒得到准确率，%3 毫秒得到流畅度</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>merged in %1 ms; accuracies %2 ms from the slider; fluency follows</source>
        <translation>合并耗时 %1 毫秒；滑块后 %2 毫秒得到准确率；流畅度随后更新</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not open the merge: %1</source>
        <translation>无法打开合并：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply cancelled; the sliders&apos; live merge is back in place.</source>
        <translation>已取消应用；滑杆的即时合并已恢复。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apply failed: %1</source>
        <translation>应用失败：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge failed: %1</source>
        <translation>合并失败：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MessageBar</name>
    <message>
        <location filename="../app/gui/message_bar.cpp" line="+27"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MethodComparisonDialog</name>
    <message>
        <location filename="../app/gui/method_comparison.cpp" line="+31"/>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generality</source>
        <translation>泛化性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locality</source>
        <translation>局部性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same subject</source>
        <translation>同一主语</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fact recall</source>
        <translation>事实回忆</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Compare editing methods</source>
        <translation>比较编辑方法</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the model once per method, score it, undo it: every method starts from the same weights. Your own edits and their undo history stay as they are.</source>
        <translation>每种方法各编辑模型一次、评分、再撤销：每种方法都从相同的权重开始。您自己的编辑及其撤销历史保持不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Chart…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart as PNG or SVG (for slides)</source>
        <translation>将图表保存为 PNG 或 SVG（用于投视频）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fluency (bits)</source>
        <translation>流畅度（比特）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>‖ΔW‖/‖W‖</source>
        <translation>‖ΔW‖/‖W‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>After the edit, x100: EasyEdit&apos;s token accuracy (reliability: the edited prompt; generality: its paraphrases; locality: unrelated prompts keep their answers; same subject: the subject&apos;s other facts, from the Keep field; fact recall: a fixed sample of the model&apos;s own facts it still completes). Fluency: n-gram entropy of a greedy continuation. Perplexity: general text like the model&apos;s training text, before → after (lower is better).</source>
        <translation>编辑后的数值 ×100：EasyEdit 的词元准确率（可靠性：被编辑的提示词；泛化性：其改写说法；局部性：无关提示词保持原答案；同一主语：主语的其他事实，取自“保留”字段；事实回忆：模型本身事实的固定样本中仍能补全的比例）。流畅度：贪婪续写的 n-gram 熵。困惑度：类似模型训练文本的一般文本，编辑前 → 编辑后（越低越好）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The same edit, method by method</source>
        <translation>同一个编辑，逐一方法比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after the edit (%)</source>
        <translation>编辑后（%）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片（*.png）;;SVG 绘图（*.svg）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the methods and press Run.</source>
        <translation>请选择方法并按“运行”。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; → &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>Running %n method(s), each edit undone before the next… (Esc cancels)</source>
        <translation>
            <numerusform>正在运行 %n 种方法，每次编辑都会在下一个方法前撤销…（按 Esc 取消）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled; the model is as it was.</source>
        <translation>已取消；模型维持原状。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n method(s) failed; see the table.</source>
        <translation>
            <numerusform>%n 种方法失败；请查看表格。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each method edited the same weights and was undone. Values after the edit, x100 (EasyEdit token accuracy).</source>
        <translation>每种方法都编辑了相同的权重并已撤销。数值为编辑后 ×100（EasyEdit 词元准确率）。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MethodForm</name>
    <message>
        <location filename="../app/gui/method_form.cpp" line="+48"/>
        <source>The method&apos;s hyperparameters, with the defaults for this model. Hover a field for what it does.</source>
        <translation>此方法的超参数，以及此模型的默认值。将鼠标停在字段上可查看其作用。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Advanced parameters</source>
        <translation>高端参数</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters: the defaults for this model</source>
        <translation>参数：此模型的默认值</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Parameters: %n changed</source>
        <translation>
            <numerusform>参数：已变更 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Default for this model: %1</source>
        <translation>此模型的默认值：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MetricNames</name>
    <message>
        <location filename="../app/gui/metric_names.cpp" line="+16"/>
        <source>Efficacy success</source>
        <translation>有效性成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of rewrite prompts where the new object is more likely than the true one.</source>
        <translation>改写提示中，新答案的概率高于原答案的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficacy magnitude</source>
        <translation>有效性幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean P(new object) - P(true object) on the rewrite prompt (per-token geometric mean probabilities).</source>
        <translation>改写提示上 P(新答案) − P(原答案) 的平均（各词元概率的几何平均）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paraphrase success</source>
        <translation>改述成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of paraphrased prompts where the new object is more likely than the true one.</source>
        <translation>改述提示中，新答案的概率高于原答案的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paraphrase magnitude</source>
        <translation>改述幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean P(new object) - P(true object) over paraphrased prompts.</source>
        <translation>改述提示上 P(新答案) − P(原答案) 的平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out paraphrase success</source>
        <translation>未见说法的改述成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PS over phrasings the editor never saw (Lancet facts&apos; heldout_prompts).</source>
        <translation>编辑时从未见过的说法上的 PS（Lancet 事实文件的 heldout_prompts）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out paraphrase magnitude</source>
        <translation>未见说法的改述幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PM over phrasings the editor never saw.</source>
        <translation>编辑时从未见过的说法上的 PM。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbourhood success</source>
        <translation>邻域成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of neighbouring subjects&apos; prompts where their own answer stays more likely than the new object.</source>
        <translation>邻近主体的提示中，其原本答案仍比新答案更可能的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbourhood magnitude</source>
        <translation>邻域幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean P(neighbour&apos;s answer) - P(new object) over neighbourhood prompts.</source>
        <translation>邻域提示上 P(邻近主体的答案) − P(新答案) 的平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score (hmean ES, PS, NS)</source>
        <translation>分数（ES、PS、NS 的调和平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Harmonic mean of the mean ES, PS and NS (ROME&apos;s editing score).</source>
        <translation>ES、PS 与 NS 平均值的调和平均（ROME 的编辑分数）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teacher-forced token accuracy of the new object after the rewrite prompt.</source>
        <translation>改写提示之后，新答案的教师强制词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generalization</source>
        <translation>泛化性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teacher-forced token accuracy of the new object after paraphrased prompts.</source>
        <translation>改述提示之后，新答案的教师强制词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out generalization</source>
        <translation>未见说法的泛化性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token accuracy of the new object after phrasings the editor never saw.</source>
        <translation>编辑时从未见过的说法之后，新答案的词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locality</source>
        <translation>局部性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of argmax tokens on unrelated prompts that the edit left unchanged.</source>
        <translation>无关提示上，最高概率词元未被编辑改变的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same-subject locality</source>
        <translation>同主体局部性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of argmax tokens on the subject&apos;s other facts that the edit left unchanged.</source>
        <translation>该主体的其他事实上，最高概率词元未被编辑改变的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portability</source>
        <translation>可移植性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token accuracy on questions that need the edited fact (reverse, multi-hop).</source>
        <translation>需要用到被编辑事实的问题（反向、多跳）上的词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficacy</source>
        <translation>有效性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy of the inserted answer after the question.</source>
        <translation>zsRE：问题之后，插入答案的词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paraphrase</source>
        <translation>改述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy of the inserted answer after the rephrased question.</source>
        <translation>zsRE：改述的问题之后，插入答案的词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out paraphrase</source>
        <translation>未见说法的改述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy after phrasings the editor never saw.</source>
        <translation>zsRE：编辑时从未见过的说法之后的词元准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specificity</source>
        <translation>特异性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy of the NQ answers on unrelated questions (not relative to the unedited model).</source>
        <translation>zsRE：无关问题上 NQ 答案的词元准确率（不与未编辑的模型相比）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score (hmean efficacy, paraphrase, specificity)</source>
        <translation>分数（有效性、改述、特异性的调和平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Harmonic mean of the mean efficacy, paraphrase and specificity.</source>
        <translation>有效性、改述与特异性平均值的调和平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fluency (n-gram entropy)</source>
        <translation>流畅度（n-gram 熵）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted bi- and tri-gram entropy of sampled generations, in bits; low values mean repetition.</source>
        <translation>采样生成文本的二元与三元语法加权熵（比特）；数值低代表重复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General-text perplexity</source>
        <translation>一般文本困惑度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity of a fixed sample of general text (lower is better): what the edit did to everything it was not about.</source>
        <translation>一段固定一般文本的困惑度（越低越好）：编辑对它无关的一切造成了什么影响。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fact recall</source>
        <translation>事实回想</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of a fixed sample of the model&apos;s own facts it still completes token for token: how many of its facts survive the edit.</source>
        <translation>模型自身事实的固定样本中，仍能逐词元完整说出的比例：有多少事实在编辑后幸存。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Portability (%1)</source>
        <translation>可移植性（%1）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::ModelPanel</name>
    <message>
        <location filename="../app/gui/model_panel.cpp" line="+81"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model family the engine recognised from config.json</source>
        <translation>引擎从 config.json 辨识出的模型家族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number of weights (embedding counted once when tied)</source>
        <translation>权重数量（绑定时嵌入只计算一次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size in memory</source>
        <translation>内存大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bytes of all the tensors at the loaded dtype</source>
        <translation>所有张量在加载 dtype 下的字节数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+149"/>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Transformer blocks: the columns of the causal-trace maps</source>
        <translation>Transformer 区块：因果追踪热图的各列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>d_model (residual stream width) / d_ff (MLP hidden width)</source>
        <translation>d_model（残差流宽度）/ d_ff（MLP 隐藏宽度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention heads × head width. With grouped-query attention (Llama 3, Qwen, Mistral, Gemma) several query heads share one key/value head, which shrinks the KV cache.</source>
        <translation>注意力头数 × 每头宽度。使用分组查找注意力（Llama 3、Qwen、Mistral、Gemma）时，多个查找头共用一个键／值头，可缩小 KV 缓存。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the model knows where a token is: learned position embeddings (GPT-2), or rotary embeddings that turn queries and keys by an angle per position (base, rotated features, and any long-context scaling)</source>
        <translation>模型如何得知词元的位置：学习得到的位置嵌入（GPT-2），或旋转位置嵌入，依位置将查找与键旋转一个角度（基数、旋转的特征，以及任何长上下文缩放）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which earlier tokens each layer may look at: all of them, or a sliding window on some layers (Mistral, Gemma 2/3) — a fact further back than the window is out of that layer&apos;s sight</source>
        <translation>每一层可以看到哪些先前的词元：全部，或在某些层使用滑动窗口（Mistral、Gemma 2/3）——比窗口更早的事实，该层看不到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Longest prompt the model accepts, in tokens</source>
        <translation>模型可接受的最长提示词，以词元计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabulary</source>
        <translation>词汇表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens in the tokenizer&apos;s vocabulary</source>
        <translation>分词器词汇表中的词元数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where the weights live and the work runs (Settings → Device)</source>
        <translation>权重存放与运算运行的位置（设置 → 设备）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>Dtype</source>
        <translation>Dtype</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Number format of the weights (Settings → Dtype)</source>
        <translation>权重的数值格式（设置 → Dtype）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edits</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edits currently applied to the weights (Edit → Undo removes the last)</source>
        <translation>目前应用于权重的编辑（编辑 → 撤销可移除最后一个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash of the base weights: edit files and sessions name the model they were made on</source>
        <translation>基础权重的哈希值：编辑文件与会话会记录它们所依据的模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter tensors (e.g. mlp.c_proj)</source>
        <translation>筛选张量（例如 mlp.c_proj）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each layer&apos;s weight tensors. ROME edits one matrix: the MLP output projection of the chosen layer (mlp.c_proj in GPT-2, mlp.down_proj in Llama, Qwen, Mistral and Gemma, mlp.dense_4h_to_h in GPT-NeoX, mlp.fc_out in GPT-J).</source>
        <translation>每一层的权重张量。ROME 只编辑一个矩阵：所选层的 MLP 输出投影（GPT-2 中为 mlp.c_proj；Llama、Qwen、Mistral 与 Gemma 中为 mlp.down_proj；GPT-NeoX 中为 mlp.dense_4h_to_h；GPT-J 中为 mlp.fc_out）。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Open model folder… (Ctrl+O) opens a Hugging Face checkpoint folder (config.json, *.safetensors, the tokenizer files).</source>
        <translation>文件 → 打开模型文件夹…（Ctrl+O）可打开 Hugging Face 检查点文件夹（config.json、*.safetensors、分词器文件）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 × %2 (%3 key/value heads)</source>
        <translation>%1 × %2（%3 个键／值头）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>learned embeddings</source>
        <translation>学习得到的嵌入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rotary, base %1, %2 features per head</source>
        <translation>旋转位置嵌入，基数 %1，每头 %2 个特征</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, %1 scaling ×%2</source>
        <translation>，%1 缩放 ×%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>every earlier token</source>
        <translation>所有先前的词元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sliding window of %1 on %2 of %3 layers</source>
        <translation>%3 层中有 %2 层使用大小为 %1 的滑动窗口</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 tokens</source>
        <translation>%1 个词元</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+53"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Embeddings, final norm, head</source>
        <translation>嵌入、最终范式、输出头</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 blocks</source>
        <translation>%1 个区块</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tensors</source>
        <translation>%1 个张量</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Warnings: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n applied</source>
        <translation>
            <numerusform>已应用 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::PatchCheckView</name>
    <message>
        <location filename="../app/gui/patch_check_view.cpp" line="+32"/>
        <source>hidden</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>How many of the estimate&apos;s strongest cells (largest |score|) to patch exactly. Each costs a share of one batched forward pass.</source>
        <translation>要精确修补估计中最强的几个格子（|分数| 最大者）。每个格子占用一次批量前向传播的一部分。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Site</source>
        <translation>位点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pos./head</source>
        <translation>位置/注意力头</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Estimate</source>
        <translation>估计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Off by</source>
        <translation>偏差</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The estimate&apos;s strongest cells, strongest first, each beside its exact score (1 = as the clean prompt, 0 = as the corrupted one). Rows in bold: the estimate is off by more than %1, where the first-order estimate fails.</source>
        <translation>估计中最强的格子，由强到弱，每一格旁列出其精确分数（1 = 与干净提示词相同，0 = 与被破坏提示词相同）。粗体行：估计偏差超过 %1，一阶估计在此失准。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Top &amp;N:</source>
        <translation>前 N 名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Check top %1 exactly</source>
        <translation>精确检查前 %1 名(&amp;C)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run attribution patching, then check its strongest cells here by patching them exactly.</source>
        <translation>先运行归因修补，再在此以精确修补检查其最强的格子。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An estimate is a first-order guess: patch its strongest cells exactly to see where it holds.</source>
        <translation>估计只是一阶的猜测：精确修补其最强的格子，看看它在哪里成立。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Patch the estimate&apos;s %1 strongest cells for real and set each estimate beside the truth, with their rank correlation.</source>
        <translation>实际修补估计中最强的 %1 个格子，将每个估计与真实值并列，并附上两者的秩相关。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Patching the %1 strongest cells exactly… (Cancel stops it)</source>
        <translation>正在精确修补最强的 %1 个格子…（按“取消”可停止）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>head %1</source>
        <translation>注意力头 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pos %1</source>
        <translation>位置 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Off by %1: linearisation fails here.</source>
        <translation>偏差 %1：线性化在此失准。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off by %1.</source>
        <translation>偏差 %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>undefined</source>
        <translation>无定义</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rank correlation of estimate and exact (Spearman ρ): %1 over %n cell(s); %2 off by more than %3 · %4 s</source>
        <translation>
            <numerusform>估计与精确值的秩相关（Spearman ρ）：%n 个格子上为 %1；%2 个偏差超过 %3 · %4 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Check cancelled.</source>
        <translation>已取消检查。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check failed: %1</source>
        <translation>检查失败：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::PatchingPanel</name>
    <message>
        <location filename="../app/gui/patching_panel.cpp" line="+54"/>
        <source>The prompt whose answer you want to locate (A), e.g. “The Space Needle is located in the city of” → Seattle.</source>
        <translation>要定位其答案（A）的提示词，例如“The Space Needle is located in the city of”→ Seattle。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A counterfactual prompt with another answer (B) and the same number of tokens: activations are copied position by position between the two runs.</source>
        <translation>答案不同（B）且词元数相同的反事实提示词：两次运行之间逐位置复制激活值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>clean top-1</source>
        <translation>干净提示词的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer A. Empty: the clean prompt&apos;s most likely next token.</source>
        <translation>答案 A。留空：干净提示词最可能的下一个词元。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>corrupted top-1</source>
        <translation>被破坏提示词的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer B. Empty: the corrupted prompt&apos;s most likely next token.</source>
        <translation>答案 B。留空：被破坏提示词最可能的下一个词元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exact</source>
        <translation>精确</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution</source>
        <translation>归因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exact: every cell patched for real, many cells per batched forward pass. Attribution: every cell estimated at once from one backward pass, Δm ≈ (a_source − a_receiving) · ∂m/∂a; fast on a large model, but only a first-order guess.</source>
        <translation>精确：每个格子都实际修补，每次批量前向传播处理多个格子。归因：由一次反向传播同时估计所有格子，Δm ≈ (a_source − a_receiving) · ∂m/∂a；在大模型上很快，但只是一阶近似。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Denoising</source>
        <translation>去噪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noising</source>
        <translation>加噪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denoising runs the corrupted prompt and copies in one clean activation: which component suffices to bring A back. Noising runs the clean prompt and copies in one corrupted activation: which component is necessary.</source>
        <translation>去噪：运行被破坏的提示词并复制进一个干净的激活值——哪个组件足以让 A 回来。加噪：运行干净的提示词并复制进一个被破坏的激活值——哪个组件是必要的。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Logit difference</source>
        <translation>logit 差</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+448"/>
        <source>p(A)</source>
        <translation>p(A)</translation>
    </message>
    <message>
        <location line="-447"/>
        <source>Measured at the last position: logit(A) − logit(B), linear in the residual stream and never saturating (the field&apos;s default), or the probability of A.</source>
        <translation>在最后一个位置测量：logit(A) − logit(B)，对残差流为线性且不会饱和（领域惯用的默认），或 A 的概率。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hidden</source>
        <translation>隐藏状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The residual stream after each block.</source>
        <translation>每个块之后的残差流。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each block&apos;s MLP output.</source>
        <translation>每个块的 MLP 输出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each block&apos;s attention output.</source>
        <translation>每个块的注意力输出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heads</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every attention head, patched at all positions at once.</source>
        <translation>每个注意力头，一次修补所有位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Patch</source>
        <translation>修补(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the prompts line up, then patch every cell.</source>
        <translation>先确认两个提示词对得上，再修补每个格子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>C&amp;lean:</source>
        <translation>干净(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answer A:</source>
        <translation>答案 A：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;orrupted:</source>
        <translation>被破坏(&amp;O)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answer B:</source>
        <translation>答案 B：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Method:</source>
        <translation>方法：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Direction:</source>
        <translation>方向：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Patching copies one activation at a time between a clean and a counterfactual prompt: the cells that carry the answer across show where the model recalls the fact.</source>
        <translation>修补在干净提示词与反事实提示词之间一次复制一个激活值：能把答案带过去的格子，显示模型在何处回忆起事实。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Patching hidden states</source>
        <translation>修补隐藏状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching MLP outputs</source>
        <translation>修补 MLP 输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching attention outputs</source>
        <translation>修补注意力输出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching attention heads</source>
        <translation>修补注意力头</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head (all positions patched at once)</source>
        <translation>注意力头（一次修补所有位置）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hover a cell to read its score.</source>
        <translation>将鼠标悬停在格子上可读取其分数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+381"/>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
    <message>
        <location line="-381"/>
        <location line="+383"/>
        <source>score %1</source>
        <translation>分数 %1</translation>
    </message>
    <message>
        <location line="-382"/>
        <source>layer %1 · head %2 · %3</source>
        <translation>第 %1 层 · 注意力头 %2 · %3</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>The weights changed since the estimate: run attribution patching again to check it against them.</source>
        <translation>权重在估计之后已改变：请重新运行归因修补，再依新权重检查。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run attribution patching, then check its strongest cells here by patching them exactly.</source>
        <translation>先运行归因修补，再在此以精确修补检查其最强的格子。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Type a clean prompt and a corrupted (counterfactual) prompt.</source>
        <translation>请输入干净提示词与被破坏（反事实）提示词。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pick at least one site to patch.</source>
        <translation>请至少选择一个要修补的部位。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checking that the prompts line up…</source>
        <translation>正在确认两个提示词是否对得上…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Patching cancelled.</source>
        <translation>已取消修补。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The prompts tokenize to %1 and %2 tokens. Patching copies activations position by position, so pick a counterfactual whose changed words take as many tokens as the originals.
clean (%1): %3
corrupted (%2): %4</source>
        <translation>两个提示词分词后分别为 %1 与 %2 个词元。修补是逐位置复制激活值，请选一个替换词与原词词元数相同的反事实提示词。
干净（%1）：%3
被破坏（%2）：%4</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not patched: the prompts do not line up.</source>
        <translation>未修补：两个提示词对不上。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Estimating every cell from one backward pass… (Cancel stops it)</source>
        <translation>正在由一次反向传播估计每个格子…（按“取消”可停止）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching every cell… (Cancel stops it)</source>
        <translation>正在修补每个格子…（按“取消”可停止）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>These scores are exact already. Switch the method to Attribution to estimate every cell, then check the estimate here.</source>
        <translation>这些分数已是精确值。将方法切换为“归因”以估计每个格子，再在此检查估计。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: answer A %2, answer B %3; %4 on the clean prompt %5, on the corrupted one %6 · %7 forward and %8 backward passes in %9 s</source>
        <translation>%1：答案 A %2，答案 B %3；%4 在干净提示词上为 %5，在被破坏提示词上为 %6 · %7 次前向与 %8 次反向传播，共 %9 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribution patching</source>
        <translation>归因修补</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activation patching</source>
        <translation>激活修补</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>logit(A) − logit(B)</source>
        <translation>logit(A) − logit(B)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Patching cancelled: the maps keep the previous result.</source>
        <translation>已取消修补：热图保留先前的结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patching failed.</source>
        <translation>修补失败。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>position %1 “%2”</source>
        <translation>位置 %1“%2”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (corrupted “%1”)</source>
        <translation>（被破坏提示词为“%1”）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · layer %1</source>
        <translation> · 第 %1 层</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>estimated score ≈ %1</source>
        <translation>估计分数 ≈ %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>click to edit at this layer</source>
        <translation>点击以在此层编辑</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each cell copies one activation of the clean run into the corrupted run (denoising).</source>
        <translation>每个格子把干净运行的一个激活值复制到被破坏的运行中（去噪）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each cell copies one activation of the corrupted run into the clean run (noising).</source>
        <translation>每个格子把被破坏运行的一个激活值复制到干净运行中（加噪）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score 1: the model now behaves as on the clean prompt; 0: as on the corrupted prompt. Values beyond 0 or 1 overshoot.</source>
        <translation>分数 1：模型的表现如同在干净提示词上；0：如同在被破坏提示词上。超出 0 或 1 的值代表过冲。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attribution patching estimates each score from one backward pass, Δm ≈ (a_source − a_receiving) · ∂m/∂a: cheap, but it fails where the metric saturates or the patch is large (whole residual streams at early layers). Check strong cells with Exact.</source>
        <translation>归因修补由一次反向传播估计每个分数，Δm ≈ (a_source − a_receiving) · ∂m/∂a：成本低，但在指标饱和或修补幅度大时（例如浅层的整个残差流）会失准。请用“精确”核对强的格子。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patching the residual stream after a block, at one position and layer.</source>
        <translation>修补某个块之后的残差流，于单一位置与层。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patching one MLP output, at one position and layer. A strong cell at the last subject token in the middle layers is where an MLP edit (ROME, MEMIT) writes the fact: click it to edit at that layer.</source>
        <translation>修补单一 MLP 输出，于单一位置与层。中间层、主语最后一个词元上的强格子，正是 MLP 编辑（ROME、MEMIT）写入事实之处：点击它即可在该层编辑。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Patching one attention output, at one position and layer. Attention matters late, at the last token, where it moves the recalled fact to the prediction.</source>
        <translation>修补单一注意力输出，于单一位置与层。注意力在较深的层、最后一个词元上才重要，它把回忆起的事实搬到预测处。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patching one attention head&apos;s output at every position at once (rows: layers, columns: heads).</source>
        <translation>一次修补单一注意力头在所有位置的输出（行：层，列：注意力头）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starred tokens differ between the two prompts. Click an MLP cell to edit at its layer.</source>
        <translation>标星号的词元在两个提示词中不同。点击 MLP 格子即可在其层编辑。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::PresentationMode</name>
    <message>
        <location filename="../app/gui/presentation_mode.cpp" line="+16"/>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Larger text and thicker plot lines for a projector; the side panels fold away (F5 or Ctrl+Shift+P again to leave)</source>
        <translation>更大的文字与更粗的图表线条，适合投影仪；侧边面板会收起（再按 F5 或 Ctrl+Shift+P 退出）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::ProblemsDock</name>
    <message>
        <location filename="../app/gui/problems_dock.cpp" line="+36"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+150"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Errors and warnings from the engine and the workbench. Double-click an entry to jump to the part of the window concerned.</source>
        <translation>来自引擎与工作台的错误和警告。双击条目即可跳到窗口中相关的部分。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Jump to</source>
        <translation>跳至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show and focus the part of the window this problem is about</source>
        <translation>显示并聚焦此问题所涉及的窗口部分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget every entry</source>
        <translation>清除所有条目</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 (×%2)</source>
        <translation>%1（×%2）</translation>
    </message>
    <message>
        <location line="+76"/>
        <source> (%1 errors, %2 warnings)</source>
        <translation> （%1 个错误，%2 个警告）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::PromptPanel</name>
    <message>
        <location filename="../app/gui/prompt_panel.cpp" line="+29"/>
        <source>&amp;Prompt:</source>
        <translation>提示词(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a prompt: The Space Needle is located in the city of</source>
        <translation>输入提示词：The Space Needle is located in the city of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model&apos;s next-token distribution updates as you type. This prompt is also the one Trace (Ctrl+T) locates the fact in.</source>
        <translation>模型的下一词元分布会随您的输入即时更新。“追踪”（Ctrl+T）也是在这个提示词中定位事实。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next token</source>
        <translation>下一个词元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 most likely next tokens. Click a token to make it the edit&apos;s new target. After an edit, grey bars show the base model&apos;s probabilities for the same prompt.</source>
        <translation>最可能的 %1 个下一词元。点击词元即可将它设为编辑的新目标。编辑后，灰色柱显示基础模型对同一提示词的概率。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;Start here&lt;/b&gt;&lt;/p&gt;&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;&lt;b&gt;Type a prompt&lt;/b&gt; that states a fact in the box above, e.g. &lt;i&gt;%1&lt;/i&gt; (&lt;a href=&apos;example&apos;&gt;use this example&lt;/a&gt;). The bars show the model&apos;s next token.&lt;/li&gt;&lt;li&gt;Press &lt;b&gt;Trace&lt;/b&gt; (Ctrl+T): the heat maps below show where the model recalls the fact. Click a bright cell of the MLP map to edit at its layer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Click a bar&lt;/b&gt; to make that token the new answer (or type one in the Edit panel), then &lt;b&gt;Apply Edit&lt;/b&gt; (Ctrl+Return).&lt;/li&gt;&lt;li&gt;Read the &lt;b&gt;Scorecard&lt;/b&gt; at the bottom: before vs after. Ctrl+Z takes the edit back.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;从这里开始&lt;/b&gt;&lt;/p&gt;&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;在上方的方框中&lt;b&gt;输入一个陈述事实的提示词&lt;/b&gt;，例如 &lt;i&gt;%1&lt;/i&gt;（&lt;a href=&apos;example&apos;&gt;使用此范例&lt;/a&gt;）。柱显示模型的下一个词元。&lt;/li&gt;&lt;li&gt;按&lt;b&gt;追踪&lt;/b&gt;（Ctrl+T）：下方的热图显示模型在哪里回忆起该事实。点击 MLP 热图中明亮的格子，即可在该层进行编辑。&lt;/li&gt;&lt;li&gt;&lt;b&gt;点击一根柱&lt;/b&gt;，将该词元设为新答案（或在编辑面板中输入），然后按&lt;b&gt;应用编辑&lt;/b&gt;（Ctrl+Return）。&lt;/li&gt;&lt;li&gt;阅读底部的&lt;b&gt;评分卡&lt;/b&gt;：编辑前与编辑后。Ctrl+Z 可撤回编辑。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>“%1” is part of a character, not a whole one: it cannot be a target on its own.</source>
        <translation>“%1”只是某个字符的一部分，不是完整的字符：不能单独作为目标。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+43"/>
        <source>Open a model to see what it predicts.</source>
        <translation>打开模型以查看其预测。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Type a prompt to see the model&apos;s next token.</source>
        <translation>输入提示词以查看模型的下一个词元。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>edited</source>
        <translation>编辑后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base model</source>
        <translation>基础模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n prompt token(s)</source>
        <translation>
            <numerusform>%n 个提示词元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> · with %n edit(s) applied</source>
        <translation>
            <numerusform> · 已应用 %n 个编辑</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::ScorecardPanel</name>
    <message>
        <location filename="../app/gui/scorecard_panel.cpp" line="+46"/>
        <source>Scorecard: before vs after the edit</source>
        <translation>评分卡：编辑前与编辑后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability: the edited prompt now gives the new target. Generality: paraphrases do too. Locality: prompts about other subjects keep their answers (the edit did not bleed onto neighbours). Fluency: generated text stays varied. Click a metric to see the prompts behind it.</source>
        <translation>可靠性：被编辑的提示词现在给出新目标。泛化性：改写的说法也是如此。局部性：关于其他主语的提示词保持原答案（编辑没有波及邻近事实）。流畅度：生成的文本保持多样。点击指标即可查看其背后的提示词。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Score again</source>
        <translation>重新评分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the scorecard of the last edit with the prompts below</source>
        <translation>以下方的提示词重新计算最后一个编辑的评分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+79"/>
        <source>Click a metric to list the prompts behind its bars.</source>
        <translation>点击指标即可列出其柱背后的提示词。</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>编辑前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>编辑后</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Paraphrases of the edited fact, one per line, e.g.
The Space Needle can be found in the city of</source>
        <translation>被编辑事实的改写说法，每行一个，例如
The Space Needle can be found in the city of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generality: other ways to ask for the edited fact. A good edit changes their answer too, not just the exact prompt it was made with.</source>
        <translation>泛化性：询问被编辑事实的其他方式。好的编辑也会改变它们的答案，而不只是创建编辑时所用的那个提示词。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Neighbourhood: prompt =&gt; answer, one per line, e.g.
The Eiffel Tower is located in the city of =&gt; Paris</source>
        <translation>邻近事实：提示词 =&gt; 答案，每行一个，例如
The Eiffel Tower is located in the city of =&gt; Paris</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locality: facts about other, similar subjects. Their answers should not move: an edit that drags them along is too broad.</source>
        <translation>局部性：关于其他相似主语的事实。它们的答案不应改变：连带改变它们的编辑范围太广。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paraphrases (generality):</source>
        <translation>改写说法（泛化性）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbours (locality), prompt =&gt; answer:</source>
        <translation>邻近事实（局部性），提示词 =&gt; 答案：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Prompts behind a metric</source>
        <translation>指标背后的提示词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation prompts</source>
        <translation>评估提示词</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Apply an edit to judge it: the scorecard compares the model before and after.</source>
        <translation>应用一个编辑以评判它：评分卡会比较模型编辑前后的表现。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scoring %1…</source>
        <translation>正在为 %1 评分…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No scorecard: %1</source>
        <translation>无评分卡：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n metric(s). Hover a panel for what it measures; click it for its prompts.</source>
        <translation>
            <numerusform>%n 个指标。将鼠标停在面板上可查看其衡量内容；点击可查看其提示词。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Prompts behind %1 (%n prompt(s))</source>
        <translation>
            <numerusform>%1 背后的提示词（%n 个提示词）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::SequentialDialog</name>
    <message>
        <location filename="../app/gui/sequential_dialog.cpp" line="+42"/>
        <source>Sequential edits: the forgetting curve</source>
        <translation>连续编辑：遗忘曲线</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit requests in order: CounterFact, zsRE, EasyEdit or a Lancet facts file. The demo model&apos;s own facts.json edits each of its facts to another answer.</source>
        <translation>依序排列的编辑请求：CounterFact、zsRE、EasyEdit 或 Lancet 事实文件。演示模型自带的 facts.json 会将其每个事实编辑成另一个答案。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a dataset file</source>
        <translation>选择数据集文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datasets (*.json *.jsonl);;All files (*)</source>
        <translation>数据集（*.json *.jsonl）;;所有文件（*）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>MEMIT and AlphaEdit edit a batch of requests in one computation; the others one at a time.</source>
        <translation>MEMIT 与 AlphaEdit 在一次计算中编辑一批请求；其他方法一次编辑一个。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many requests from the start of the dataset to edit in, one after another.</source>
        <translation>要从数据集开头依序编辑进模型的请求数量。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requests per edit (MEMIT, AlphaEdit). Methods that edit one request at a time use 1.</source>
        <translation>每次编辑的请求数（MEMIT、AlphaEdit）。一次编辑一个请求的方法使用 1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edited requests between two points of the curve. Each point re-scores a fixed sample of the earlier edits, locality, perplexity, fact recall and the weight norms.</source>
        <translation>曲在线两个点之间编辑的请求数。每个点都会重新评分先前编辑的固定样本、局部性、困惑度、事实回忆与权重范数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generation-based protocol</source>
        <translation>基于生成的评估方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also judge earlier edits by what the model SAYS (greedy generation, first sentence begins with the new target), beside teacher-forced token accuracy. Teacher forcing flatters: a 2025 study measured 38 % by generation where it claimed 97 %.</source>
        <translation>除了教师强制的词元准确率之外，也依模型实际“说出”的内容评判先前的编辑（贪婪生成，第一句以新目标开头）。教师强制会美化结果：一项 2025 年的研究在声称 97 % 的情况下，以生成方式只测得 38 %。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Dataset:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requests:</source>
        <translation>请求数：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per edit:</source>
        <translation>每次编辑：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point every:</source>
        <translation>取点间隔：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the requests in, one batch after another, drawing the curve as it goes. The weights are restored at the end; running another method overlays its curve.</source>
        <translation>一批接一批地编辑请求，同时绘制曲线。结束时会恢复权重；运行其他方法时会叠加其曲线。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every curve</source>
        <translation>移除所有曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Chart…</source>
        <translation>导出图表(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart as PNG or SVG (for slides)</source>
        <translation>将图表保存为 PNG 或 SVG（用于投视频）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Data…</source>
        <translation>导出数据(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every curve as CSV (one row per run and point) or JSON (with the protocols)</source>
        <translation>将所有曲线保存为 CSV（每次运行的每个点一行）或 JSON（包含评估方式）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retention of earlier edits</source>
        <translation>先前编辑的保留率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Locality (vs the original model)</source>
        <translation>局部性（相对于原始模型）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fact recall</source>
        <translation>事实回忆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight growth ‖W‖/‖W₀‖</source>
        <translation>权重增长 ‖W‖/‖W₀‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the chart shows for every run</source>
        <translation>图表为每次运行所显示的内容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+159"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>requests edited so far</source>
        <translation>目前已编辑的请求数</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片（*.png）;;SVG 绘图（*.svg）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格（*.csv）;;JSON（*.json）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 requests edited (%2 s editing); the latest batch right after its edit: %3 %</source>
        <translation>已编辑 %1 个请求（编辑耗时 %2 秒）；最新一批刚编辑后：%3 %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a dataset and a method, and press Run.</source>
        <translation>请选择数据集与方法，然后按“运行”。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 (%2 per edit)</source>
        <translation>%1（每次编辑 %2 个）</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Editing %n request(s) in, one batch after another… (Esc cancels)</source>
        <translation>
            <numerusform>正在一批接一批地编辑 %n 个请求…（按 Esc 取消）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: %2 of %3 requests edited in %4 s (curve scoring %5 s); the weights are restored.</source>
        <translation>%1：%3 个请求中已编辑 %2 个，耗时 %4 秒（曲线评分 %5 秒）；权重已恢复。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Collapse warning: a weight matrix grew to %1× its norm.</source>
        <translation>崩溃警告：某个权重矩阵增长到其范数的 %1 倍。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n request(s) failed.</source>
        <translation>
            <numerusform>%n 个请求失败。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled; the curve so far is kept and the weights are restored.</source>
        <translation>已取消；保留目前的曲线，权重已恢复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Earlier edits kept (solid: teacher-forced token accuracy; dashed: generation-based)</source>
        <translation>先前编辑的保留率（实线：教师强制词元准确率；虚线：基于生成）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retained (%)</source>
        <translation>保留率（%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unrelated prompts answered as the original model did (EasyEdit locality)</source>
        <translation>无关提示词的答案与原始模型相同的比例（EasyEdit 局部性）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locality (%)</source>
        <translation>局部性（%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model&apos;s own facts it still completes (general ability)</source>
        <translation>模型仍能补全的自身事实（一般能力）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fact recall (%)</source>
        <translation>事实回忆（%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Perplexity of general text (lower is better)</source>
        <translation>一般文本的困惑度（越低越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Largest ‖W‖/‖W₀‖ over the edited matrices (growth precedes collapse)</source>
        <translation>被编辑矩阵中最大的 ‖W‖/‖W₀‖（增长发生在崩溃之前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖W‖/‖W₀‖</source>
        <translation>‖W‖/‖W₀‖</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>teacher-forced</source>
        <translation>教师强制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>generation</source>
        <translation>生成</translation>
    </message>
</context>
<context>
    <name>lancet::gui::SettingsDialog</name>
    <message>
        <location filename="../app/gui/settings_dialog.cpp" line="+33"/>
        <source>Lancet Settings</source>
        <translation>Lancet 设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (CUDA if available)</source>
        <translation>自动（可用时使用 CUDA）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the model&apos;s weights live and the work runs. Takes effect the next time a model is opened.</source>
        <translation>模型权重存放与运算运行的位置。将在下次打开模型时生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (the checkpoint&apos;s own)</source>
        <translation>自动（使用检查点本身的格式）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number format of the weights. Half precision halves the memory; on the CPU, float32 is usually fastest.</source>
        <translation>权重的数值格式。半精度可使内存减半；在 CPU 上 float32 通常最快。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none: the whole model on the device above</source>
        <translation>无：整个模型放在上方的设备</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For models larger than one GPU: the devices that share the model&apos;s layers, in pipeline order, e.g. &quot;cuda:0,cuda:1&quot;. The embeddings and the first layers go to the first device, the last layers and the unembedding to the last; the activations move between them at the boundaries. Takes effect the next time a model is opened.</source>
        <translation>适用于大于一张 GPU 的模型：依管线顺序分担模型各层的设备，例如“cuda:0,cuda:1”。嵌入与前面的层放在第一个设备，最后的层与反嵌入放在最后一个；激活值在边界处于设备之间搬移。下次打开模型时生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balanced (equal layers per device)</source>
        <translation>平均（每个设备层数相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (by each device&apos;s free memory)</source>
        <translation>自动（依各设备的可用内存）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the layers are split among the devices: balanced, automatic, or your own list of layer ranges, e.g. &quot;0-15:cuda:0,16-31:cuda:1&quot; (which needs no device list). Used only with a device list or a layer list.</source>
        <translation>各层如何分配到设备：平均、自动，或自订的层范围清单，例如“0-15:cuda:0,16-31:cuda:1”（此时不需要设备清单）。只在有设备清单或层清单时使用。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>automatic (%1 cores)</source>
        <translation>自动（%1 个内核）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU threads for the engine&apos;s tensor work. Takes effect at the next start.</source>
        <translation>引擎进行张量运算所用的 CPU 线程数。将在下次启动时生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>shipped WordNet glosses</source>
        <translation>随附的 WordNet 释义</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder of plain-text documents (separated by blank lines) from which ROME estimates the statistics of each layer&apos;s keys (the second moment C = E[kkᵀ]). The shipped corpus is enough for a demo; a larger, Wikipedia-like one matches the paper.</source>
        <translation>纯文本文文件的文件夹（以空行分隔），ROME 从中估计每一层键的统计量（二阶矩 C = E[kkᵀ]）。随附的语料足以用于演示；较大、类似 Wikipedia 的语料才与论文一致。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>~/.cache/lancet</source>
        <translation>~/.cache/lancet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where those statistics are cached. Computing them takes minutes on a large model; they are reused for every later edit of the same model.</source>
        <translation>这些统计量的缓存位置。在大型模型上计算需要数分钟；之后对同一模型的每次编辑都会重复使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the desktop</source>
        <translation>跟随桌面设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The window&apos;s colours. The plots follow them on screen; a plot exported to a file is always the light version, for papers and slides.</source>
        <translation>窗口的配色。图表在屏幕上跟随配色；导出为文件的图表始终是浅色版本，便于放进论文和幻灯片。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As in the paper (purple, green, red)</source>
        <translation>与论文相同（紫、绿、红）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour-blind safe (viridis, cividis, magma)</source>
        <translation>色盲友好（viridis、cividis、magma）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The causal-trace maps&apos; colours. The paper&apos;s green and red maps look alike with a red-green colour deficiency; the safe maps darken steadily from light (no effect) to dark (the fact is stored here), in colour, greyscale or on a projector.</source>
        <translation>因果追踪热图的颜色。论文的绿色与红色热图在红绿色觉异常者眼中看起来相似；友好配色由浅（没有效果）到深（事实存于此处）稳定加深，无论彩色、灰度或投影都清楚。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The language changes when Lancet is started again.</source>
        <translation>重新启动 Lancet 后才会更改语言。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;type:</source>
        <translation>Dtype(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>La&amp;yers across:</source>
        <translation>分层到(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Placement:</source>
        <translation>配置方式(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Threads:</source>
        <translation>线程(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editing statistics</source>
        <translation>编辑统计量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Corpus:</source>
        <translation>语料(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ache:</source>
        <translation>缓存(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour &amp;scheme:</source>
        <translation>配色方案(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Heat maps:</source>
        <translation>热图(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>lancet::gui::SweepPanel</name>
    <message>
        <location filename="../app/gui/sweep_panel.cpp" line="+36"/>
        <source> x n</source>
        <translation> x n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid points per task, evenly spaced over the weight range [-1, 2]</source>
        <translation>每个任务的格点数，在权重范围 [-1, 2] 中均匀分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open task vectors in the Merge tab, then sweep two of them.</source>
        <translation>请在“合并”标签页中打开任务向量，然后扫描其中两个。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rows:</source>
        <translation>行：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns:</source>
        <translation>列：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metric:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grid:</source>
        <translation>网格：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>accuracy on %1</source>
        <translation>%1 上的准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base facts kept</source>
        <translation>保留的基础事实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fluency (bits)</source>
        <translation>流畅度（比特）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose two different tasks.</source>
        <translation>请选择两个不同的任务。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sweeping %1 cells...</source>
        <translation>正在扫描 %1 个格子...</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cancelled: %1 of %2 cells computed.</source>
        <translation>已取消：已计算 %2 个格子中的 %1 个。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cells in %2 s. Click a cell to set the sliders there.</source>
        <translation>%2 秒内完成 %1 个格子。点击格子即可将滑块设置到该处。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sweep failed: %1</source>
        <translation>扫描失败：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::TracePanel</name>
    <message>
        <location filename="../app/gui/trace_panel.cpp" line="+77"/>
        <source>guessed from the prompt</source>
        <translation>由提示词推测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The words whose embeddings get corrupted. Leave empty to use the first capitalised phrase of the prompt, as the ROME reference code does.</source>
        <translation>其嵌入会被破坏的字词。留空则使用提示词中第一个大写开头的词组，与 ROME 参考代码的做法相同。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>model&apos;s top-1</source>
        <translation>模型的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The answer whose probability is measured. Empty: the token the clean model finds most likely.</source>
        <translation>要测量其概率的答案。留空：干净模型认为最可能的词元。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Noise samples averaged per cell. The paper uses 10; more samples give smoother maps and take proportionally longer.</source>
        <translation>每个格子平均的噪声样本数。论文使用 10；样本越多，热图越平滑，耗时也等比例增加。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> σ</source>
        <translation> σ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation of the Gaussian noise added to the subject&apos;s embeddings, in units of σ, the spread of real token embeddings. 3σ is the paper&apos;s choice: large enough to wipe out what the model knows about the subject (the answer&apos;s probability collapses), yet of the same scale as real embeddings, so the model still sees a plausible input rather than garbage.</source>
        <translation>加在主语嵌入上的高斯噪声标准差，以 σ（真实词元嵌入的分布范围）为单位。3σ 是论文的选择：大到足以抹除模型对该主语的知识（答案的概率崩落），但又与真实嵌入同一量级，因此模型看到的仍是合理的输入，而非杂乱数据。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the MLP and attention maps, each cell restores a window of this many consecutive layers centred on its column, not a single layer: one layer&apos;s MLP alone rarely carries enough of the signal to show. Auto keeps the paper&apos;s share of the depth (10 of GPT-2 XL&apos;s 48 layers), at least 3 and at most 10: 3 on the 8-layer demo model. A window as deep as the model restores every layer in every column, and the map goes flat.</source>
        <translation>在 MLP 与注意力热图中，每个格子恢复的是以其列为中心、连续若干层的窗口，而非单一层：单独一层的 MLP 很少带有足以显现的信号。“自动”沿用论文所占深度的比例（GPT-2 XL 的 48 层中取 10 层），至少 3、至多 10：在 8 层的演示模型上为 3。与模型同样深的窗口会在每一列恢复所有层，热图就会变得平坦。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seed of the noise draws: the same seed gives the same map.</source>
        <translation>噪声抽样的种子：相同的种子生成相同的热图。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>S&amp;ubject:</source>
        <translation>主语(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tar&amp;get:</source>
        <translation>目标(&amp;G)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Samples:</source>
        <translation>样本数：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Noise:</source>
        <translation>噪声：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window:</source>
        <translation>窗口：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trace (Ctrl+T) corrupts the subject with noise, then restores one internal state at a time: the cells that bring the answer back show where the model recalls the fact.</source>
        <translation>“追踪”（Ctrl+T）以噪声破坏主语，然后一次恢复一个内部状态：能让答案恢复的格子，显示模型在哪里回忆起该事实。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restoring the whole hidden state at one token and layer. Early-layer peaks at the last subject token and late peaks at the last token are the typical pattern.</source>
        <translation>在某个词元与层恢复整个隐藏状态。典型的模式是：早期层的峰值位于主语最后一个词元，晚期峰值位于最后一个词元。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring MLP outputs (a window of layers). A peak at the last subject token in the middle layers is where ROME edits: click a cell to use its layer.</source>
        <translation>恢复 MLP 输出（一个层窗口）。位于中间层、主语最后一个词元处的峰值就是 ROME 进行编辑的位置：点击格子即可使用该层。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring attention outputs (a window of layers). Attention matters late, at the last token, where it moves the recalled fact to the prediction.</source>
        <translation>恢复注意力输出（一个层窗口）。注意力在晚期、最后一个词元处才发挥作用，在那里它把回忆起的事实搬到预测上。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Restoring hidden states</source>
        <translation>恢复隐藏状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restoring MLP outputs (window %1)</source>
        <translation>恢复 MLP 输出（窗口 %1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restoring attention (window %1)</source>
        <translation>恢复注意力（窗口 %1）</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Tracing “%1”… the maps fill in as cells are computed (Esc cancels).</source>
        <translation>正在追踪“%1”…热图会随格子计算完成逐步填满（按 Esc 取消）。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Answer %1: p = %2 on the clean prompt, %3 with “%4” corrupted</source>
        <translation>答案 %1：干净提示词下 p = %2，破坏“%4”后为 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (subject guessed)</source>
        <translation> （主语为推测）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · note: the target is not the model&apos;s top-1 prediction</source>
        <translation> · 注意：目标不是模型的第一名预测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computing cells…</source>
        <translation>正在计算格子…</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>cancelled after %n cell(s): grey cells were not computed</source>
        <translation>
            <numerusform>计算 %n 个格子后已取消：灰色格子未计算</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cells in %2 s</source>
        <translation>%2 秒内完成 %1 个格子</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Trace cancelled%1.</source>
        <translation>追踪已取消%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>: the grey cells were not computed</source>
        <translation>：灰色格子未计算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trace failed: %1</source>
        <translation>追踪失败：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::TttDialog</name>
    <message>
        <location filename="../app/gui/ttt_dialog.cpp" line="+59"/>
        <source>Test-time training: adapting while answering</source>
        <translation>测试时训练：一边回答一边适应</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+43"/>
        <source>Stream</source>
        <translation>输入流</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>&amp;Demo shift</source>
        <translation>演示分布偏移(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model&apos;s own facts (facts.json), asked in four phases of fresh facts: held-out phrasings, a register its corpus never used, typos, the subject in Cyrillic. Labels (the true answers) are only scored, never shown to the adaptation.</source>
        <translation>模型自身的事实（facts.json），分四个阶段以新的事实提问：保留的说法、语料从未用过的语域、错字、以西里尔字母书写的主语。标签（真实答案）只用于评分，从不提供给适应过程。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> per phase</source>
        <translation> 每阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inputs in each of the four phases</source>
        <translation>四个阶段中每个阶段的输入数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> cycles</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The four phases this many times, each on fresh facts: a long horizon is where continual adaptation collapses</source>
        <translation>四个阶段重复的次数，每次使用新的事实：持续适应正是在长时间范围中崩溃</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text &amp;file</source>
        <translation>文本文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One input per line (INPUT&lt;Tab&gt;LABEL adds a label for scoring), read as it goes</source>
        <translation>每行一个输入（INPUT&lt;Tab&gt;LABEL 可加上评分用的标签），边读边处理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stream.txt</source>
        <translation>stream.txt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a text file</source>
        <translation>选择文本文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paragraphs</source>
        <translation>段落</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank-line separated inputs instead of one per line</source>
        <translation>以空行分隔输入，而非每行一个</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Text (*.txt *.tsv);;All files (*)</source>
        <translation>文本（*.txt *.tsv）;;所有文件（*）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Methods (one line each)</source>
        <translation>方法（每种一条线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No adaptation: the frozen model, the baseline every method must beat</source>
        <translation>不适应：冻结的模型，每种方法都必须胜过的基准</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+314"/>
        <source>TENT, continual</source>
        <translation>TENT，持续</translation>
    </message>
    <message>
        <location line="-313"/>
        <source>TENT (Wang et al. 2021): after answering an input, one gradient step lowers the entropy of its next-token distribution, over the norms&apos; scale and shift (γ, β). Never reset: it accumulates, first sharpening right answers, then drifting into a confident constant prediction (entropy → 0) and forgetting</source>
        <translation>TENT（Wang et al. 2021）：回答一个输入后，对范式层的缩放与平移（γ、β）做一步梯度下降，降低其下一词元分布的熵。从不重设：它会不断累积，先让正确答案更笃定，接着漂移成一个充满自信的常数预测（熵 → 0）并开始遗忘</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+311"/>
        <source>episodic (SUTA)</source>
        <translation>逐段（SUTA）</translation>
    </message>
    <message>
        <location line="-310"/>
        <source>SUTA&apos;s protocol: adapt on the input, answer it, then reset weights and optimiser to the base. Nothing accumulates, so nothing collapses (and nothing is learnt across inputs)</source>
        <translation>SUTA 的做法：先在输入上适应、回答，再将权重与优化器重设回基础状态。不会累积任何东西，因此不会崩溃（也不会跨输入学到任何东西）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reset every</source>
        <translation>每隔几个重设</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RDumb (Press et al. 2023): continual TENT with a hard reset to the base every N inputs, the baseline that beat elaborate continual methods on long streams</source>
        <translation>RDumb（Press et al. 2023）：持续 TENT，每 N 个输入硬重设回基础状态；这个基准在长输入流上胜过了精巧的持续学习方法</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>fast/slow</source>
        <translation>快／慢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After Dynamic-SUTA (Lin et al. 2024): per input, fast weights start from slow ones, adapt and answer; every few inputs the slow weights move toward the fast ones&apos; mean; a jump of the slow model&apos;s entropy (a distribution shift) resets them to the base</source>
        <translation>仿 Dynamic-SUTA（Lin et al. 2024）：每个输入的快权重从慢权重开始，适应后回答；每隔几个输入，慢权重朝快权重的平均移动；慢模型的熵一旦跳升（分布偏移），就重设回基础状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+301"/>
        <source>In-Place TTT</source>
        <translation>In-Place TTT</translation>
    </message>
    <message>
        <location line="-300"/>
        <source>In-Place TTT (2026): the MLP down projections of the upper layers as fast weights, one Hebbian update per input toward the next token&apos;s embedding. Never reset on a stream: with the untrained conv it accumulates without bound</source>
        <translation>In-Place TTT（2026）：以上层的 MLP 降维投影作为快权重，每个输入朝下一个词元的嵌入做一次 Hebbian 更新。在输入流上从不重设：搭配未经训练的 conv，它会无限制地累积</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adaptation and probe</source>
        <translation>适应与探测</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Adam&apos;s learning rate for every TENT-based method. 1e-2 shows the collapse within 200 inputs on the demo model; 1e-3 (TENT&apos;s default) barely moves; 3e-2 collapses in the first phase. A rate that diverges stops the run and restores the weights.</source>
        <translation>所有基于 TENT 的方法所用的 Adam 学习率。1e-2 在演示模型上 200 个输入内就显示崩溃；1e-3（TENT 的默认值）几乎不动；3e-2 在第一阶段就崩溃。发散的学习率会停止运行并恢复权重。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimiser steps per input</source>
        <translation>每个输入的优化步数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every N inputs (and before the first and after the last), the forgetting side is measured with the adapted weights: recall of the model&apos;s own facts and the perplexity of general text (about a second on the demo model)</source>
        <translation>每 N 个输入（以及第一个之前与最后一个之后），以适应后的权重测量遗忘面：模型自身事实的回忆率与一般文本的困惑度（在演示模型上约需一秒）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy and entropy are drawn as the mean of the last N inputs</source>
        <translation>准确率与熵以最后 N 个输入的平均值绘制</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>probe every</source>
        <translation>探测间隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each checked method over the same stream, one after another, drawn as it goes. The model&apos;s weights are restored after every method.</source>
        <translation>每种勾选的方法依序在同一个输入流上运行，边运行边绘制。每种方法结束后都会恢复模型权重。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after the current input (Esc); what was measured is kept, the weights are the base again</source>
        <translation>处理完目前的输入后停止（Esc）；保留已测得的结果，权重回到基础状态</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every run: JSON (settings, records, probe points, status) or CSV (one row per method and input), as lancet-cli ttt writes them</source>
        <translation>保存每次运行：JSON（设置、记录、探测点、状态）或 CSV（每种方法的每个输入一行），格式与 lancet-cli ttt 相同</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Long document…</source>
        <translation>长文档(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In-Place TTT&apos;s demonstration: facts in a document longer than the context, questions after it; no adaptation, the rule, its trained add-on and a fine-tune side by side</source>
        <translation>In-Place TTT 的示范：事实在比上下文还长的文档里，问题在文档之后；不调适、规则、训练好的附加组件与微调并排比较</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>acc</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>recall</source>
        <translation>回忆率</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+281"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>‖Δθ‖</source>
        <translation>‖Δθ‖</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy over every labelled input of the stream</source>
        <translation>输入流中所有有标签输入的准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base-fact recall at the first probe → at the last</source>
        <translation>基础事实回忆率：第一次探测 → 最后一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General-text perplexity at the first probe → at the last</source>
        <translation>一般文本困惑度：第一次探测 → 最后一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖θ − θ₀‖ of the adapted parameters after the last input</source>
        <translation>最后一个输入后，适应参数的 ‖θ − θ₀‖</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Export test-time training runs</source>
        <translation>导出测试时训练的运行结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json);;CSV table (*.csv)</source>
        <translation>JSON（*.json）;;CSV 表格（*.csv）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Running %1 (%2 of %3) on %4… Esc cancels.</source>
        <translation>正在 %4 上运行 %1（第 %2 个，共 %3 个）…按 Esc 取消。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The defaults reproduce the lecture&apos;s picture (lancet-cli ttt MODEL --shift demo --per-phase 25 --cycles 2 --lr 1e-2 --method none,tent,episodic,reset:25,fastslow --every 50): continual TENT first beats the frozen model, then collapses below it; episodic and fast/slow do not. Press Run.</source>
        <translation>默认值重现了课程中的图（lancet-cli ttt MODEL --shift demo --per-phase 25 --cycles 2 --lr 1e-2 --method none,tent,episodic,reset:25,fastslow --every 50）：持续 TENT 先胜过冻结模型，之后崩溃到其之下；逐段与快／慢方法则不会。请按“运行”。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This model&apos;s folder has no facts.json: choose a text file</source>
        <translation>此模型的文件夹没有 facts.json：请选择文本文件</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>none (frozen)</source>
        <translation>无（冻结）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>reset every %1 (RDumb)</source>
        <translation>每 %1 个重设（RDumb）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fast/slow (Dynamic-SUTA)</source>
        <translation>快／慢（Dynamic-SUTA）</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>Starting: %n method(s) over the same stream… (Esc cancels)</source>
        <translation>
            <numerusform>开始：在同一个输入流上运行 %n 种方法…（按 Esc 取消）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Done: %n method(s) in %1 s on %2.</source>
        <translation>
            <numerusform>完成：在 %2 上以 %1 秒运行 %n 种方法。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The weights are the base again (checked bit for bit).</source>
        <translation>权重已回到基础状态（逐比特检查）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning: a run did not restore the adapted weights.</source>
        <translation>警告：有一次运行未恢复适应后的权重。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Diverged (stopped, restored): %1.</source>
        <translation>发散（已停止并恢复）：%1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled: what was measured is kept; the weights are the base again.</source>
        <translation>已取消：保留已测得的结果；权重已回到基础状态。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>probe: %1 facts, %2 tokens, every %3 inputs</source>
        <translation>探测：%1 个事实、%2 个词元，每 %3 个输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no probe (probe every: never)</source>
        <translation>不探测（探测间隔：从不）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy, mean of the last %1 inputs
ttt-stream: label tokens all argmax</source>
        <translation>准确率，最后 %1 个输入的平均
ttt-stream：标签词元全部为 argmax</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next-token entropy, last %1 inputs
ttt-stream: → 0 is collapse</source>
        <translation>下一词元的熵，最后 %1 个输入
ttt-stream：→ 0 即为崩溃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entropy (nats)</source>
        <translation>熵（nats）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖θ − θ₀‖ of the adapted parameters
after each input (0: reset)</source>
        <translation>适应参数的 ‖θ − θ₀‖
于每个输入之后（0：已重设）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖θ − θ₀‖</source>
        <translation>‖θ − θ₀‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base-fact recall (forgetting)
%1</source>
        <translation>基础事实回忆率（遗忘）
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recall (%)</source>
        <translation>回忆率（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General-text perplexity (log scale)
%1</source>
        <translation>一般文本困惑度（对数刻度）
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocols: accuracy and entropy per input (ttt-stream; TENT, reset and none score before adapting on the input, episodic and fast/slow after; labels are never adapted on). Recall and perplexity: the general-ability probe with the adapted weights bound. Dashed lines: the stream&apos;s phases.</source>
        <translation>评估方式：每个输入的准确率与熵（ttt-stream；TENT、重设与不适应在输入上适应前评分，逐段与快／慢在适应后评分；从不在标签上适应）。回忆率与困惑度：以适应后权重进行的一般能力探测。虚线：输入流的各阶段。</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>%1 — %2: %3, lr %4, %5 step(s), params %6</source>
        <translation>%1 — %2：%3，学习率 %4，%5 步，参数 %6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>order per method</source>
        <translation>每种方法的顺序</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n input(s) so far</source>
        <translation>
            <numerusform>目前已有 %n 个输入</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::LayerDeltaPlot</name>
    <message>
        <location filename="../widgets/layer_delta_plot.cpp" line="+49"/>
        <source>How much each layer&apos;s weights changed</source>
        <translation>每一层的权重变化量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖ΔW‖ / ‖W‖</source>
        <translation>‖ΔW‖ / ‖W‖</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>‖ΔW‖/‖W‖ is the size of the change relative to the weights.
ROME changes one matrix in one layer; MEMIT a few layers; a merge all of them.</source>
        <translation>‖ΔW‖/‖W‖ 是变化量相对于权重的大小。
ROME 只改变一层中的一个矩阵；MEMIT 改变少数几层；合并则改变所有层。</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>No weight change to show yet: apply an edit or a merge.</source>
        <translation>尚无权重变化可显示：请应用编辑或合并。</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::LensGrid</name>
    <message>
        <location filename="../widgets/lens_grid.cpp" line="+77"/>
        <source>Layer %1, after “%2” (position %3): the next token the model would predict if it stopped here, read through its own final norm and unembedding.</source>
        <translation>第 %1 层，“%2”之后（位置 %3）：模型若在此停下会预测的下一个词元，通过其最终归一化与反嵌入读取。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1. %2  %3</source>
        <translation>%1. %2  %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p(%1) = %2, rank %3 (rank 1 = the top token)</source>
        <translation>p(%1) = %2，排名 %3（排名 1 = 第一名）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The last layer is the model&apos;s own output.</source>
        <translation>最后一层就是模型自己的输出。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::ScorecardView</name>
    <message>
        <location filename="../widgets/scorecard_view.cpp" line="+108"/>
        <source>Edit scorecard: before vs after</source>
        <translation>编辑评分卡：编辑前与编辑后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No scores yet: apply an edit and run the evaluation.</source>
        <translation>尚无分数：请应用编辑并运行评估。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before</source>
        <translation>编辑前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after</source>
        <translation>编辑后</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>%1 %2 → %3 %4</source>
        <translation>%1 %2 → %3 %4</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Click to see the %n prompt(s) behind this number.</source>
        <translation>
            <numerusform>点击以查看此数字背后的 %n 个提示词。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+257"/>
        <source>change —</source>
        <translation>变化 —</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>change %1</source>
        <translation>变化 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(protocol not given)</source>
        <translation>（未提供评估方式）</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::SweepHeatmap</name>
    <message>
        <location filename="../widgets/sweep_heatmap.cpp" line="+156"/>
        <location line="+4"/>
        <source>weight of %1</source>
        <translation>%1 的权重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — partial (cancelled)</source>
        <translation> — 部分结果（已取消）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 = %2, %3 = %4: %5 %6</source>
        <translation>%1 = %2，%3 = %4：%5 %6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not computed</source>
        <translation>未计算</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::TopKBarChart</name>
    <message>
        <location filename="../widgets/topk_bar_chart.cpp" line="+41"/>
        <source>The model&apos;s most likely next tokens with their probabilities. ␣ marks a space: “␣Paris” and “Paris” are different tokens.</source>
        <translation>模型最可能的下一词元及其概率。␣ 表示空格：“␣Paris”与“Paris”是不同的词元。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next-token distribution</source>
        <translation>下一词元分布</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>probability of being the next token</source>
        <translation>成为下一个词元的概率</translation>
    </message>
    <message>
        <location line="+70"/>
        <location line="+4"/>
        <source>not in top-k</source>
        <translation>不在前 k 名</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>after</source>
        <translation>编辑后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before</source>
        <translation>编辑前</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::TraceHeatmap</name>
    <message>
        <location filename="../widgets/trace_heatmap.cpp" line="+83"/>
        <source>effect = p − low: how much of the answer&apos;s probability that the corruption destroyed comes back when only this state is restored. Large effects mark where the model recalls the fact.</source>
        <translation>效果 = p − low：只恢复此状态时，被破坏所抹除的答案概率有多少恢复回来。效果大的位置就是模型回忆起该事实的地方。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>p(answer)</source>
        <translation>p(答案)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p(%1)</source>
        <translation>p(%1)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Hover a cell to read its probability; click it to select it.</source>
        <translation>将鼠标停在格子上可读取其概率；点击即可选取。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>token %1 “%2”%3 · layer %4</source>
        <translation>词元 %1“%2”%3 · 第 %4 层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (subject)</source>
        <translation> （主语）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (restores %1 layers %2–%3)</source>
        <translation> （恢复 %1 层：%2–%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not computed (run cancelled)</source>
        <translation>未计算（运行已取消）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p = %1</source>
        <translation>p = %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>effect over low = %1%2</source>
        <translation>相对于 low 的效果 = %1%2</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>single restored layer</source>
        <translation>恢复单一层</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>single restored %1 layer</source>
        <translation>恢复单一 %1 层</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>center of interval of %1 restored %2 layers</source>
        <translation>恢复 %1 个 %2 层之区间的中心</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Impact of restoring state after corrupted input</source>
        <translation>破坏输入后恢复状态的影响</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact of restoring %1 after corrupted input</source>
        <translation>破坏输入后恢复 %1 的影响</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partial (cancelled)</source>
        <translation>部分结果（已取消）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+57"/>
        <source>Lancet: locate a fact with causal tracing, edit it with ROME, judge it.</source>
        <translation>Lancet：以因果追踪定位事实，以 ROME 编辑事实，并评判结果。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model folder to open (default: the last one, else the bundled demo model).</source>
        <translation>要打开的模型文件夹（缺省：上次打开的模型，否则为随附的演示模型）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a saved session.</source>
        <translation>打开已保存的会话。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cpu, cuda or auto (this run only).</source>
        <translation>cpu、cuda 或 auto（仅限本次运行）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto, float32, float16 or bfloat16 (this run only).</source>
        <translation>auto、float32、float16 或 bfloat16（仅限本次运行）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Split the model&apos;s layers across these devices, e.g. cuda:0,cuda:1 (this run only; with --placement).</source>
        <translation>把模型的层分到这些设备上，例如 cuda:0,cuda:1（仅限本次运行；搭配 --placement）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How the layers are split: auto (by free memory), balanced, or a layer list such as 0-15:cuda:0,16-31:cuda:1 (this run only).</source>
        <translation>各层的分配方式：auto（依可用内存）、balanced，或层清单，例如 0-15:cuda:0,16-31:cuda:1（仅限本次运行）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Do not reopen the last model; no crash recovery.</source>
        <translation>不重新打开上次的模型；不进行崩溃恢复。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scripted demo: trace the Space Needle fact, save PNGs of the window into DIR, quit (also $LANCET_SCREENSHOT_DIR).</source>
        <translation>脚本化演示：追踪 Space Needle 事实，将窗口的 PNG 存入 DIR，然后结束（也可用 $LANCET_SCREENSHOT_DIR）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>desktop, light or dark (this run only).</source>
        <translation>桌面、浅色或深色（仅限本次运行）。</translation>
    </message>
</context>
</TS>
