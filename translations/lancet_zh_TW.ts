<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
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
        <translation>秩一模型編輯（Meng 等，2022）：在一層的 MLP 降維投影上做一次秩一更新，把主詞的鍵對應到新的值，使模型說出目標。key_mode 可選論文原版 ROME（original），或 r-ROME 的一致鍵（Gupta 等，2024），後者可避免讓模型失能的編輯。docs/design/rome-spec.md §2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key formulation</source>
        <translation>鍵的算法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prefix_mean: r-ROME, the template-mean key in u and in the update (consistent keys, no disabling edits). original: ROME as published, the bare prompt&apos;s key and value in the update. prompt_keys: r-ROME with the bare prompt&apos;s key for both.</source>
        <translation>prefix_mean：r-ROME，u 與更新都用模板平均的鍵（鍵一致，不會出現失能編輯）。original：論文原版 ROME，更新時用單獨提示的鍵與值。prompt_keys：r-ROME，但兩處都用單獨提示的鍵。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adam steps for v*</source>
        <translation>v* 的 Adam 步數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimisation steps for the new value v* (early stop when the loss falls below early_stop_loss). With keep prompts the default is raised to 60.</source>
        <translation>求新值 v* 的最佳化步數（損失低於 early_stop_loss 時提早停止）。有保留提示時，預設值提高到 60。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate</source>
        <translation>學習率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam learning rate of δ, the change to the MLP output.</source>
        <translation>δ（MLP 輸出的改變量）的 Adam 學習率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clamp ‖δ‖</source>
        <translation>‖δ‖ 上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖δ‖ is kept at most this multiple of ‖v_init‖: smaller values give gentler, sometimes failing, edits.</source>
        <translation>‖δ‖ 最多是 ‖v_init‖ 的這個倍數：值越小編輯越溫和，有時會失敗。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KL weight (essence)</source>
        <translation>KL 權重（本質）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of KL(P_δ ‖ P_0) on &quot;{subject} is a&quot;: keeps what the subject is.</source>
        <translation>在「{subject} is a」上的 KL(P_δ ‖ P_0) 權重：保住主詞是什麼。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep weight</source>
        <translation>保留權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the keep prompts&apos; KL (Lancet&apos;s extension, used only with keep prompts).</source>
        <translation>保留提示的 KL 權重（Lancet 的延伸，只在有保留提示時使用）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight decay on δ</source>
        <translation>δ 的權重衰減</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Penalty ‖δ‖ / ‖v_init‖² added to the loss.</source>
        <translation>加到損失上的懲罰項 ‖δ‖ / ‖v_init‖²。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Early-stop loss</source>
        <translation>提早停止的損失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop optimising v* once the loss is below this.</source>
        <translation>損失低於此值就停止最佳化 v*。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whiten with C⁻¹</source>
        <translation>以 C⁻¹ 白化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>u = C⁻¹k*/‖C⁻¹k*‖ with C the keys&apos; second moment (the paper); off: u = k*/‖k*‖.</source>
        <translation>u = C⁻¹k*/‖C⁻¹k*‖，C 為鍵的二階動差（論文做法）；關閉時 u = k*/‖k*‖。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statistics sample (tokens)</source>
        <translation>統計樣本（詞元數）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token positions behind C (the reference counts articles).</source>
        <translation>估計 C 所用的詞元位置數（參考實作以文章計數）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ridge (singular C)</source>
        <translation>脊項（C 奇異時）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added to C only when it is singular.</source>
        <translation>只在 C 奇異時才加到 C 上。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template seed</source>
        <translation>模板種子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed of the model-written context templates.</source>
        <translation>模型自行產生之上下文模板的亂數種子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MEMIT</source>
        <translation>MEMIT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mass-editing memory (Meng et al. 2023): many facts written at once, the change spread over a range of MLP down projections, each layer taking its share of the remaining error, weighted against the keys&apos; second moment. docs/design/editing-methods.md §1.</source>
        <translation>大量記憶編輯（Meng 等，2023）：一次寫入許多事實，改變分散到一段 MLP 降維投影上，每一層承擔剩餘誤差的一份，並以鍵的二階動差加權。docs/design/editing-methods.md §1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Adam steps for z</source>
        <translation>z 的 Adam 步數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimisation steps for each fact&apos;s target residual z (all facts of a batch together; each stops when its loss falls below early_stop_loss).</source>
        <translation>每個事實之目標殘差 z 的最佳化步數（同一批的事實一起最佳化；各自在損失低於 early_stop_loss 時停止）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Adam learning rate of δ, the change to the residual stream.</source>
        <translation>δ（殘差流的改變量）的 Adam 學習率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖δ‖ is kept at most this multiple of ‖h‖, the residual it changes.</source>
        <translation>‖δ‖ 最多是 ‖h‖（它所改變的殘差）的這個倍數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Penalty ‖δ‖ / ‖h‖² added to the loss.</source>
        <translation>加到損失上的懲罰項 ‖δ‖ / ‖h‖²。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A fact stops optimising once its loss is below this.</source>
        <translation>某個事實的損失低於此值時，就停止最佳化它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>λ (statistics weight)</source>
        <translation>λ（統計權重）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the keys&apos; second moment against the edited keys: larger values protect other inputs more and edit less.</source>
        <translation>鍵的二階動差相對於被編輯之鍵的權重：值越大，越保護其他輸入，編輯得越少。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token positions behind the second moment C.</source>
        <translation>估計二階動差 C 所用的詞元位置數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AlphaEdit</source>
        <translation>AlphaEdit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AlphaEdit (Fang et al., ICLR 2025): MEMIT&apos;s update projected onto the null space of the preserved knowledge&apos;s keys, so what the model knew keeps its outputs; in sequential use the keys of earlier edits are preserved too. Many facts at once, spread over a range of MLP layers. docs/design/editing-methods.md §2.</source>
        <translation>AlphaEdit（Fang 等，ICLR 2025）：把 MEMIT 的更新投影到要保留之知識的鍵的零空間上，使模型原本知道的事輸出不變；連續編輯時，先前編輯的鍵也一併保留。一次寫入許多事實，分散到一段 MLP 層上。docs/design/editing-methods.md §2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Null-space threshold</source>
        <translation>零空間門檻</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eigenvalues of the keys&apos; second moment below this (absolute) span the directions the update may use.</source>
        <translation>鍵的二階動差中低於此值（絕對值）的特徵值，所張成的方向就是更新可以使用的方向。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α (ridge)</source>
        <translation>α（脊項）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ridge term of the projected solve (the reference uses 10; EasyEdit&apos;s Llama-3/Qwen files 1).</source>
        <translation>投影後求解的脊項（參考實作用 10；EasyEdit 的 Llama-3/Qwen 設定檔用 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning (FT)</source>
        <translation>微調（FT）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain fine-tuning of the chosen layers&apos; weights on prompt → target with Adam, nothing else: the operation succeeds, and other answers of the same form may follow it (catastrophic forgetting). norm_constraint &gt; 0 gives constrained fine-tuning (FT-M, EasyEdit&apos;s FT with a norm constraint). docs/design/editing-methods.md §4.</source>
        <translation>單純微調所選層的權重，以 Adam 學習「提示 → 目標」，沒有其他措施：手術成功了，但同樣形式的其他問題也可能跟著答出這個答案（災難性遺忘）。norm_constraint &gt; 0 時為受限微調（FT-M，即 EasyEdit 帶範數限制的 FT）。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimisation steps (one full batch each).</source>
        <translation>最佳化步數（每步用完整的一批）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step size of the optimiser. Too large and the loss diverges: the run stops and the edit is refused.</source>
        <translation>最佳化器的步長。太大會讓損失發散：訓練會停止，編輯被拒絕。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optimiser</source>
        <translation>最佳化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam (as EasyEdit&apos;s FT) or plain SGD.</source>
        <translation>Adam（同 EasyEdit 的 FT）或單純的 SGD。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss on</source>
        <translation>損失計算於</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>target: the new answer&apos;s tokens only (EasyEdit&apos;s FT). sequence: every token of prompt + answer, so the prompt&apos;s own wording is learned too (the lecture&apos;s warning).</source>
        <translation>target：只算新答案的詞元（EasyEdit 的 FT）。sequence：提示加答案的每個詞元，因此連提示本身的措辭也會被學進去（課堂上的警告）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Weights trained</source>
        <translation>訓練的權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which weights of the chosen layers train: the MLP output (down) projection, the whole MLP, the attention output, or every linear map of the block.</source>
        <translation>所選層中要訓練哪些權重：MLP 輸出（降維）投影、整個 MLP、注意力輸出，或區塊中的每個線性映射。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Locality weight</source>
        <translation>局部性權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of KL(base ‖ edited) at the last token of unrelated prompts (FT-L).</source>
        <translation>在無關提示最後一個詞元上的 KL(base ‖ edited) 權重（FT-L）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L2 toward θ₀</source>
        <translation>朝 θ₀ 的 L2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of ‖θ − θ₀‖² (summed over the trained weights).</source>
        <translation>‖θ − θ₀‖² 的權重（對所訓練的權重加總）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EWC weight</source>
        <translation>EWC 權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of Σ F(θ − θ₀)² with F the diagonal Fisher on the corpus.</source>
        <translation>Σ F(θ − θ₀)² 的權重，F 為在語料上的對角 Fisher 資訊。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay weight</source>
        <translation>重播權重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weight of the NLL of the base model&apos;s own answers (self-generated replay).</source>
        <translation>基礎模型自己答案之 NLL 的權重（自我產生重播）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Norm constraint ε</source>
        <translation>範數限制 ε</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep every entry within ε of its original value (FT-M / constrained FT); 0 = off.</source>
        <translation>讓每個元素與原值的差都不超過 ε（FT-M／受限微調）；0 表示關閉。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay answer tokens</source>
        <translation>重播答案詞元數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy tokens the base model answers each replay prompt with.</source>
        <translation>基礎模型回答每個重播提示時，貪婪產生的詞元數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fisher sequences</source>
        <translation>Fisher 序列數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corpus sequences behind the Fisher estimate (EWC).</source>
        <translation>估計 Fisher 資訊所用的語料序列數（EWC）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>亂數種子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Initialisation of LoRA&apos;s A (and nothing else).</source>
        <translation>LoRA 中 A 的初始化（只影響這一項）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FT + locality loss (FT-L)</source>
        <translation>FT 加局部性損失（FT-L）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning plus a KL term that holds the base model&apos;s next-token distribution on unrelated prompts (the request&apos;s locality prompts, or general-knowledge defaults). docs/design/editing-methods.md §4.</source>
        <translation>微調再加上一個 KL 項，讓基礎模型在無關提示上的下一個詞元分布保持不變（用請求中的局部性提示，或預設的常識題）。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low-rank adapters: ΔW = (α/r)·B·A on the chosen weights, B starting at zero (Hu et al. 2021, as PEFT). Fewer trainable parameters: learns less, forgets less. The delta is stored as its factors. docs/design/editing-methods.md §4.</source>
        <translation>低秩轉接器：在所選權重上 ΔW = (α/r)·B·A，B 從零開始（Hu 等，2021，同 PEFT）。可訓練參數較少：學得較少，也忘得較少。改變量以其因子儲存。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rank r</source>
        <translation>秩 r</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank of the adapters (r ≥ 1).</source>
        <translation>轉接器的秩（r ≥ 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale: ΔW = (α/r)·B·A.</source>
        <translation>縮放：ΔW = (α/r)·B·A。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FT + L2 toward θ₀ (L2-SP)</source>
        <translation>FT 加朝 θ₀ 的 L2（L2-SP）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning with λ‖θ − θ₀‖² added: the parameters prefer to stay near the original ones. docs/design/editing-methods.md §4.</source>
        <translation>微調時加上 λ‖θ − θ₀‖²：參數傾向留在原值附近。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FT + EWC</source>
        <translation>FT 加 EWC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning with λ Σ F(θ − θ₀)², F the diagonal Fisher of the chosen weights on a text corpus (the statistics corpus): parameters that matter for general text are held harder (Kirkpatrick et al. 2017). docs/design/editing-methods.md §4.</source>
        <translation>微調時加上 λ Σ F(θ − θ₀)²，F 為所選權重在文字語料（統計用語料）上的對角 Fisher 資訊：對一般文字重要的參數被抓得更緊（Kirkpatrick 等，2017）。docs/design/editing-methods.md §4。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>FT + self-generated replay</source>
        <translation>FT 加自我產生重播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tuning mixed with the base model&apos;s own greedy answers to the subject&apos;s other prompts and to general questions: replay when the original training data is not at hand. docs/design/editing-methods.md §4.</source>
        <translation>微調時混入基礎模型自己對主詞其他提示與常識問題的貪婪答案：原始訓練資料不在手邊時的重播。docs/design/editing-methods.md §4。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/gui/edit_command.cpp" line="+9"/>
        <source>Edit %1</source>
        <translation>編輯 %1</translation>
    </message>
    <message>
        <location filename="../app/gui/edit_request.cpp" line="+18"/>
        <source>Name the subject whose fact you want to change.</source>
        <translation>請指定要變更其事實的主詞。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The prompt template needs “{}” once, where the subject goes.</source>
        <translation>提示範本需要恰好一個「{}」，標出主詞的位置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the new target the model should predict.</source>
        <translation>請給出模型應預測的新目標。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new target is the same as the true one: nothing to change.</source>
        <translation>新目標與真實目標相同：沒有需要變更的內容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each fact to keep needs “{}” where the subject goes: “%1”.</source>
        <translation>每個要保留的事實都需要「{}」標出主詞位置：「%1」。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> @ layer %1</source>
        <translation> @ 第 %1 層</translation>
    </message>
    <message>
        <location filename="../app/gui/merge_dock.cpp" line="+21"/>
        <source>Task vectors</source>
        <translation>任務向量</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Merge</source>
        <translation>合併</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep</source>
        <translation>掃描</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Merge</source>
        <translation>合併(&amp;M)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Task vectors on sliders</source>
        <translation>以滑桿調整任務向量(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <location filename="../app/gui/session.cpp" line="+96"/>
        <source>Cannot write %1: %2</source>
        <translation>無法寫入 %1：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot save %1: %2</source>
        <translation>無法儲存 %1：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot read %1: %2</source>
        <translation>無法讀取 %1：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a session file: %2</source>
        <translation>%1 不是工作階段檔案：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a Lancet session file</source>
        <translation>%1 不是 Lancet 工作階段檔案</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was written by a newer Lancet (session version %2)</source>
        <translation>%1 由較新版的 Lancet 寫入（工作階段版本 %2）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/gui/language.cpp" line="+32"/>
        <source>System (%1)</source>
        <translation>系統（%1）</translation>
    </message>
</context>
<context>
    <name>lancet</name>
    <message>
        <location filename="../app/gui/model_locator.cpp" line="+54"/>
        <source>No folder was given.</source>
        <translation>未指定資料夾。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be read (permissions).</source>
        <translation>無法讀取 %1（權限不足）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no config.json, so it is not a model folder. A Hugging Face checkpoint folder holds config.json, the weights (*.safetensors) and the tokenizer (vocab.json and merges.txt, or tokenizer.json).</source>
        <translation>%1 沒有 config.json，因此不是模型資料夾。Hugging Face 檢查點資料夾包含 config.json、權重（*.safetensors）與分詞器（vocab.json 與 merges.txt，或 tokenizer.json）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds PyTorch pickle weights (.bin) only. Lancet reads safetensors, which cannot run code when loaded: convert the checkpoint with transformers&apos; save_pretrained(..., safe_serialization=True).</source>
        <translation>%1 只有 PyTorch pickle 權重（.bin）。Lancet 讀取 safetensors，其載入時無法執行程式碼：請用 transformers 的 save_pretrained(..., safe_serialization=True) 轉換檢查點。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has config.json but no weights (*.safetensors).</source>
        <translation>%1 有 config.json 但沒有權重（*.safetensors）。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::CompareView</name>
    <message>
        <location filename="../app/gui/compare_view.cpp" line="+50"/>
        <source>Compare states of the edit history</source>
        <translation>比較編輯歷程中的狀態</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reference state. State 0 is the base model; state i is the model after the first i edits of the history (undone edits included: comparing visits them and comes back).</source>
        <translation>參考狀態。狀態 0 是基礎模型；狀態 i 是套用歷程中前 i 個編輯後的模型（包含已復原的編輯：比較時會切換到該狀態，再切換回來）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The state compared with the reference: every delta below is this state minus the reference.</source>
        <translation>與參考狀態比較的狀態：下方每個差值都是此狀態減去參考狀態。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The edit request whose scorecard is computed at both states, with its own evaluation prompts. Scoring an edit on a state that does not carry it shows what the edits in between did to that fact.</source>
        <translation>在兩個狀態下計算記分卡的編輯請求，使用它自己的評估提示。在不含該編輯的狀態上為它評分，可看出中間的編輯對該事實造成了什麼影響。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a prompt whose next token to compare (optional)</source>
        <translation>要比較下一個詞元的提示（選填）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model&apos;s next-token probabilities for this prompt at both states; the table lists the tokens of both top-%1 lists, largest change first.</source>
        <translation>兩個狀態下模型對此提示的下一詞元機率；表格列出兩份前 %1 名清單中的詞元，變化最大者在前。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the comparison on the engine thread. The model you work on is left as it is.</source>
        <translation>在引擎執行緒上執行比較。您正在處理的模型保持不變。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the comparison; the model goes back to the current state.</source>
        <translation>停止比較；模型回到目前狀態。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>→</source>
        <translation>→</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;States:</source>
        <translation>狀態(&amp;S)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sc&amp;ore:</source>
        <translation>評分(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Prompt:</source>
        <translation>提示(&amp;P)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Next token</source>
        <translation>下一個詞元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Blue: the compared state; grey: the reference state.</source>
        <translation>藍色：比較的狀態；灰色：參考狀態。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>token</source>
        <translation>詞元</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reference</source>
        <translation>參考</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>compared</source>
        <translation>比較</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>change</source>
        <translation>變化</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next-token probabilities at both states; change in percentage points.</source>
        <translation>兩個狀態下的下一詞元機率；變化以百分點表示。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>‖ΔW‖/‖W‖ per layer, between the two states</source>
        <translation>兩個狀態之間各層的 ‖ΔW‖/‖W‖</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How much each weight matrix the edits touch differs between the two states, relative to its size. A ROME edit is one bar at its layer.</source>
        <translation>編輯所觸及的每個權重矩陣在兩個狀態之間相差多少（相對於矩陣本身的大小）。一次 ROME 編輯就是其所在層的一根長條。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Pick two states and press Compare.</source>
        <translation>請選擇兩個狀態並按「比較」。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>state 0 (base model)</source>
        <translation>狀態 0（基礎模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>state %1</source>
        <translation>狀態 %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>0 · base model</source>
        <translation>0 · 基礎模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 · after edit %1</source>
        <translation>%1 · 第 %1 個編輯之後</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  (current)</source>
        <translation>  （目前）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  (undone)</source>
        <translation>  （已復原）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no scorecard</source>
        <translation>無記分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>edit %1: %2</source>
        <translation>編輯 %1：%2</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Comparing %1 with %2…</source>
        <translation>正在比較 %1 與 %2…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Scorecard: choose an edit to score</source>
        <translation>記分卡：請選擇要評分的編輯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scorecard of %1: %2 vs %3</source>
        <translation>%1 的記分卡：%2 與 %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compared %1 with itself: nothing differs.</source>
        <translation>%1 與自身比較：沒有任何差異。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared %1 (reference) with %2.</source>
        <translation>已比較 %1（參考）與 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled; the model is back at the current state.</source>
        <translation>已取消；模型已回到目前狀態。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comparison failed: %1</source>
        <translation>比較失敗：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Next token: type a prompt to compare</source>
        <translation>下一個詞元：請輸入要比較的提示</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the scored edit&apos;s %1</source>
        <translation>被評分編輯的%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Next token after “%1”</source>
        <translation>「%1」之後的下一個詞元</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No edit in the history touches any weight yet.</source>
        <translation>歷程中還沒有任何編輯觸及權重。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n matrix/matrices differ</source>
        <translation>
            <numerusform>%n 個矩陣不同</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; the largest change is %1 of the matrix.</source>
        <translation>；最大的變化為矩陣的 %1。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::EditController</name>
    <message>
        <location filename="../app/gui/edit_controller.cpp" line="+97"/>
        <source>the edit could not be started</source>
        <translation>無法開始編輯</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The engine reports %1 applied edits but the undo stack has %2; undo/redo may not match what you see. Reopen the model to start over.</source>
        <translation>引擎回報已套用 %1 個編輯，但復原堆疊中有 %2 個；復原／重做可能與畫面所見不符。請重新開啟模型以重新開始。</translation>
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
        <translation>陳述事實的提示，以 {} 標出主詞位置。ROME 會在主詞的最後一個詞元處改寫關聯，因此其他說法也會隨之改變。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Space Needle</source>
        <translation>例如：Space Needle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The entity whose fact changes.</source>
        <translation>要變更其事實的實體。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Paris, or click a bar of the next-token chart</source>
        <translation>例如 Paris，或點選下一詞元圖表中的長條</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model should say instead. Start it with a space (“ Paris”): GPT-2&apos;s tokens carry their leading space. Tip: click a token in the next-token chart.</source>
        <translation>模型應改說的內容。請以空格開頭（「 Paris」）：GPT-2 的詞元帶有前導空格。小技巧：點選下一詞元圖表中的詞元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional, e.g. the trace&apos;s answer</source>
        <translation>選填，例如追蹤得到的答案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the model says now. Optional; the scorecard uses it to measure whether the new target now beats the old one.</source>
        <translation>模型目前的答案。選填；記分卡用它來衡量新目標是否已勝過舊目標。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>auto (model default)</source>
        <translation>自動（模型預設）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The layer whose MLP output projection gets the rank-one update. Click a cell of a trace heat map to pick its layer; auto uses the published layer for known models or the MLP trace&apos;s peak.</source>
        <translation>其 MLP 輸出投影接受秩一更新的層。點選追蹤熱圖的格子即可選擇該層；「自動」對已知模型使用論文發表的層，否則使用 MLP 追蹤的峰值。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ROME / r-ROME</source>
        <translation>ROME / r-ROME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the edit changes the weights. Each method&apos;s parameters appear below it; hover a parameter for what it does.</source>
        <translation>編輯如何改變權重。每個方法的參數顯示在其下方；將滑鼠停在參數上可查看其作用。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>optional, e.g. {} was born in | {} studied at</source>
        <translation>選填，例如 {} was born in | {} studied at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subject&apos;s other facts to keep, separated by “|”, each with {} for the subject. ROME changes the subject&apos;s representation, which every fact about the subject reads, so an edit of one fact drags the others along. Lancet&apos;s extension holds the model&apos;s current answer to each prompt listed here (a KL term where that fact is predicted), at the cost of a slightly weaker paraphrase effect and three times the optimisation steps. On the demo model: the subject&apos;s other facts kept 52 % → 83 % of the time.</source>
        <translation>主詞要保留的其他事實，以「|」分隔，每項以 {} 代表主詞。ROME 會改變主詞的表示，而關於該主詞的每個事實都會讀取這個表示，所以編輯一個事實會連帶影響其他事實。Lancet 的擴充功能會保持模型對此處所列每個提示的目前答案（在預測該事實的位置加上 KL 項），代價是改寫效果稍弱，且最佳化步數變為三倍。在示範模型上：主詞其他事實的保留率由 52 % 提升至 83 %。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Prompt:</source>
        <translation>提示(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Subject:</source>
        <translation>主詞(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New target:</source>
        <translation>新目標(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;True target:</source>
        <translation>真實目標(&amp;T)：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Layer:</source>
        <translation>層(&amp;L)：</translation>
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
        <translation>請填入要變更的事實，或在提示列輸入提示並點選其圖表中的長條。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Teach: &lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;</source>
        <translation>教學：&lt;b&gt;%1&lt;/b&gt; &lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt;</translation>
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
            <numerusform>，並保留主詞的其他 %n 個事實</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::GenerationPanel</name>
    <message>
        <location filename="../app/gui/generation_panel.cpp" line="+25"/>
        <source>Prompt to continue (filled from the edit)</source>
        <translation>要續寫的提示（取自編輯）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greedy continuation (always the most likely next token) of this prompt, on the weights before the last edit (left) and now (right).</source>
        <translation>此提示的貪婪續寫（每次都取最可能的下一個詞元），左為最後一次編輯前的權重，右為目前的權重。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> tokens</source>
        <translation> 個詞元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many tokens to generate</source>
        <translation>要產生多少個詞元</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generate now</source>
        <translation>立即產生</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue the prompt with the current weights (right-hand side)</source>
        <translation>以目前的權重續寫提示（右側）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Before the edit&lt;/b&gt;</source>
        <translation>&lt;b&gt;編輯前&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;After the edit&lt;/b&gt;</source>
        <translation>&lt;b&gt;編輯後&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Prompt:</source>
        <translation>提示：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>(cancelled)</source>
        <translation>（已取消）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(failed: %1)</source>
        <translation>（失敗：%1）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&lt;i&gt;Apply an edit: the model&apos;s continuation before it appears here.&lt;/i&gt;</source>
        <translation>&lt;i&gt;套用一個編輯：模型在編輯前的續寫會顯示在這裡。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;i&gt;…and the continuation after it, here.&lt;/i&gt;</source>
        <translation>&lt;i&gt;……編輯後的續寫則顯示在這裡。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;i&gt;generating…&lt;/i&gt;</source>
        <translation>&lt;i&gt;產生中…&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>lancet::gui::HistoryDock</name>
    <message>
        <location filename="../app/gui/history_dock.cpp" line="+35"/>
        <source>Edit history</source>
        <translation>編輯歷程</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edits in the order they were applied. Greyed entries were undone (Ctrl+Shift+Z redoes them). Select one to see its diagnostics.</source>
        <translation>依套用順序列出的編輯。灰色項目已復原（Ctrl+Shift+Z 可重做）。選擇一項以查看其診斷資訊。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare States…</source>
        <translation>比較狀態…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare two states of the history: the model before and after the selected edit, or any other pair. Shows scorecard deltas, next-token probability deltas and how much each weight matrix changed, per layer.</source>
        <translation>比較歷程中的兩個狀態：所選編輯前後的模型，或任何其他一對狀態。顯示記分卡差值、下一詞元機率差值，以及每個權重矩陣在各層的變化量。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Division factor: ROME&apos;s closed-form update divides by (C⁻¹k)·k*; a divisor near zero means a huge, unstable update (the failure mode r-ROME fixes).
‖ΔW‖/‖W‖: how big the change is next to the matrix it changes; a rank-one edit is usually a few percent.</source>
        <translation>除數因子：ROME 的閉式更新會除以 (C⁻¹k)·k*；除數接近零代表更新量巨大且不穩定（這正是 r-ROME 修正的失敗模式）。
‖ΔW‖/‖W‖：變化量相對於被改變矩陣的大小；秩一編輯通常只有幾個百分比。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>optimisation step</source>
        <translation>最佳化步驟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss of the search for the value vector that makes the model say the new target; it should fall steadily.</source>
        <translation>搜尋使模型說出新目標之值向量時的損失；它應穩定下降。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>‖ΔW‖/‖W‖ per layer</source>
        <translation>各層的 ‖ΔW‖/‖W‖</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>  (undone)</source>
        <translation>  （已復原）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No edits yet</source>
        <translation>尚無編輯</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>&lt;i&gt;Each edit you apply is listed above. Select one to see its diagnostics: the layer and why, the size of the weight change, the optimisation&apos;s loss curve.&lt;/i&gt;</source>
        <translation>&lt;i&gt;您套用的每個編輯都會列在上方。選擇一項以查看其診斷資訊：所在層及原因、權重變化的大小、最佳化的損失曲線。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;i&gt;Select an edit to see its diagnostics.&lt;/i&gt;</source>
        <translation>&lt;i&gt;選擇一個編輯以查看其診斷資訊。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Method: %1 · layer %2</source>
        <translation>方法：%1 · 第 %2 層</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2): ‖ΔW‖/‖W‖ %3</source>
        <translation>%1（%2）：‖ΔW‖/‖W‖ %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Division factor k·u: %1</source>
        <translation>除數因子 k·u：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>p(new target): %1 → %2</source>
        <translation>p(新目標)：%1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · %1 s</source>
        <translation> · %1 秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undone: the weights do not carry this edit now.</source>
        <translation>已復原：目前的權重不含此編輯。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::InplaceDemoDialog</name>
    <message>
        <location filename="../app/gui/inplace_demo_dialog.cpp" line="+27"/>
        <source>Long document: In-Place TTT</source>
        <translation>長文件：In-Place TTT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A document longer than the model&apos;s context states one fact about each of several invented people. The questions come after it, asked alone: the document is no longer in the context, so the model can answer only from what it stored while reading. In-Place TTT stores it in the MLP down projections, chunk by chunk.</source>
        <translation>一份比模型上下文還長的文件，為幾位虛構人物各陳述一個事實。問題在文件之後單獨提出：文件已不在上下文中，模型只能靠閱讀時存下的內容回答。In-Place TTT 把它逐塊存進 MLP 的降維投影。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Invented people in the document, one fact each (birth city, employer, university or major).</source>
        <translation>文件中的虛構人物，每人一個事實（出生城市、雇主、大學或主修）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Which invented people and facts: the same seed gives the same document.</source>
        <translation>決定哪些虛構人物與事實：相同的種子產生相同的文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passes of ordinary fine-tuning on the document (the upper bound: it sees the document many times, In-Place TTT once). On a laptop CPU 20 epochs take about half a minute.</source>
        <translation>在文件上做一般微調的輪數（上限：它把文件看很多次，In-Place TTT 只看一次）。在筆電 CPU 上 20 輪約需半分鐘。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also with the trained add-on</source>
        <translation>也用訓練好的附加元件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The model folder&apos;s inplace-ttt.safetensors: the rule&apos;s conv and projection trained for this model (lancet-cli train …/inplace-ttt-recipe.json). Without it only the fixed rule runs.</source>
        <translation>模型資料夾中的 inplace-ttt.safetensors：為這個模型訓練的規則 conv 與投影（lancet-cli train …/inplace-ttt-recipe.json）。沒有它時只執行固定規則。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Facts:</source>
        <translation>事實數：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed:</source>
        <translation>種子：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fine-tune epochs:</source>
        <translation>微調輪數：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Run</source>
        <translation>執行(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Setting</source>
        <translation>設定</translation>
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
        <translation>首詞元排名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recall: questions whose every answer token is the model&apos;s first choice. Answer NLL: the mean negative log-likelihood of the answer&apos;s tokens (lower is better). Rank: where the answer&apos;s first token stands among all tokens (1 = first).</source>
        <translation>回想率：答案每個詞元都是模型首選的問題比例。答案 NLL：答案詞元的平均負對數概似（越低越好）。排名：答案第一個詞元在所有詞元中的名次（1 = 第一）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next-token loss of the document, chunk by chunk</source>
        <translation>文件的下一詞元損失，逐塊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>chunk</source>
        <translation>塊</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NLL (nats)</source>
        <translation>NLL（nats）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Press Run. The model&apos;s weights are never changed: every setting runs on copies.</source>
        <translation>按「執行」。模型的權重不會被改動：每種設定都在副本上執行。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Running: %1 (Esc cancels)</source>
        <translation>執行中：%1（Esc 取消）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading the document… (Esc cancels)</source>
        <translation>正在閱讀文件…（Esc 取消）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled; the model&apos;s weights are as they were.</source>
        <translation>已取消；模型的權重維持原樣。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>fine-tune on the document</source>
        <translation>在文件上微調</translation>
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
        <translation>不調適</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>in-place TTT, fixed rule</source>
        <translation>in-place TTT，固定規則</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>in-place TTT, trained add-on</source>
        <translation>in-place TTT，訓練好的附加元件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 facts in a document of %2 tokens (context %3, chunks of %4); questions asked alone after it (protocol ttt-inplace-chunk). %5</source>
        <translation>%2 個詞元的文件中有 %1 個事實（上下文 %3，每塊 %4）；問題在文件之後單獨提出（協定 ttt-inplace-chunk）。%5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The model&apos;s weights are untouched.</source>
        <translation>模型的權重未被改動。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning: a weight slot was not restored.</source>
        <translation>警告：有一個權重槽未還原。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::JobMonitor</name>
    <message>
        <location filename="../app/gui/job_monitor.cpp" line="+28"/>
        <source>Cancel the running job (Esc). A cancelled trace keeps the cells it has computed.</source>
        <translation>取消執行中的工作（Esc）。已取消的追蹤會保留已計算的格子。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source> (+%1 queued)</source>
        <translation> （另有 %1 個排隊中）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::LectureTour</name>
    <message>
        <location filename="../app/gui/lecture_tour.cpp" line="+72"/>
        <source>Skip tour</source>
        <translation>略過導覽</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the tour; Help ▸ Lecture tour… opens it again.</source>
        <translation>關閉導覽；「說明 ▸ 課程導覽…」可再次開啟。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Lecture tour · step %1 of %2:</source>
        <translation>課程導覽 · 第 %1 步，共 %2 步：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the model a fact</source>
        <translation>向模型詢問一個事實</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A language model keeps facts in its weights. Ask it one: the prompt bar gets &lt;i&gt;The Space Needle is located in the city of&lt;/i&gt;, and the bars show how likely each next token is.</source>
        <translation>語言模型把事實存在權重裡。問它一個：提示列會填入 &lt;i&gt;The Space Needle is located in the city of&lt;/i&gt;，長條顯示每個下一個詞元的可能性。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Where is the fact stored?</source>
        <translation>事實存在哪裡？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causal tracing blurs the subject&apos;s words with noise, then restores one hidden state at a time. Where restoring brings &lt;i&gt;Seattle&lt;/i&gt; back, the fact flows through. The bright MLP cells at the subject, in the middle layers, are where an edit can write.</source>
        <translation>因果追蹤用雜訊破壞主詞的詞元，再一次還原一個隱藏狀態。還原後若 &lt;i&gt;Seattle&lt;/i&gt; 回來了，事實就流經該處。主詞上、中間層那些明亮的 MLP 格子，就是編輯可以寫入的位置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit it by fine-tuning</source>
        <translation>用微調編輯它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teach the model that the Space Needle is in &lt;i&gt;Taipei&lt;/i&gt; by plain fine-tuning (method FT) on that one sentence. Then read the scorecard: efficacy rises, but locality (facts about other places) falls. The operation succeeded; the patient died.</source>
        <translation>用單純的微調（方法 FT）在這一句上教模型：Space Needle 位於 &lt;i&gt;Taipei&lt;/i&gt;。接著看記分卡：有效性上升，但局部性（關於其他地方的事實）下降。手術成功，病人死亡。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every edit can be taken back exactly: the engine restores the saved weights. Undo the fine-tuning before trying a better surgeon.</source>
        <translation>每個編輯都能精確地撤回：引擎會還原儲存的權重。在換一位更好的外科醫生之前，先復原這次微調。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit it with ROME</source>
        <translation>用 ROME 編輯它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ROME writes the new fact as a rank-one change to one MLP layer, the one the trace found. Compare the scorecard with fine-tuning&apos;s: the edit holds, and this time locality is kept.</source>
        <translation>ROME 把新事實寫成單一 MLP 層的秩一變化，也就是追蹤找到的那一層。與微調的記分卡比較：編輯成立，而這次局部性保住了。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merge task vectors</source>
        <translation>合併任務向量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A task vector is what a fine-tune changed: θ&lt;sub&gt;fine-tuned&lt;/sub&gt; − θ&lt;sub&gt;base&lt;/sub&gt;. Add one in (&lt;i&gt;%1&lt;/i&gt;, weight +1) and negate another out (&lt;i&gt;%2&lt;/i&gt;, weight −1: a planted private record is forgotten). The merge dock scores each task as the sliders move.</source>
        <translation>任務向量就是一次微調所改變的量：θ&lt;sub&gt;fine-tuned&lt;/sub&gt; − θ&lt;sub&gt;base&lt;/sub&gt;。加入一個（&lt;i&gt;%1&lt;/i&gt;，權重 +1），再以負號移除另一個（&lt;i&gt;%2&lt;/i&gt;，權重 −1：植入的私人紀錄被遺忘）。合併面板會隨滑桿移動為每個任務評分。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Many edits: the forgetting curve</source>
        <translation>大量編輯：遺忘曲線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One edit is easy; hundreds are not. The sequential edits window opens filled in with the model&apos;s own facts, edited batch after batch by MEMIT. Press Run there and watch earlier edits and unrelated facts fade; then try AlphaEdit.</source>
        <translation>一次編輯很容易，數百次就不是了。連續編輯視窗開啟時已填好模型自己的事實，由 MEMIT 一批接一批地編輯。在那裡按「執行」，看著先前的編輯與無關的事實逐漸消失；再試試 AlphaEdit。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keep learning at test time</source>
        <translation>在測試時持續學習</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A model can also adapt while it is used, to a stream of inputs without labels. The test-time training window opens filled in with a short shifting stream and four methods; press Run there and watch accuracy, entropy and forgetting.</source>
        <translation>模型也能在使用時，對沒有標籤的輸入流進行調適。測試時訓練視窗開啟時已填好一段短暫變化的輸入流與四種方法；在那裡按「執行」，觀察準確率、熵與遺忘。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>That was the lecture</source>
        <translation>課程到此結束</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask, locate, edit, judge, merge, keep learning. Everything the tour did is in the menus; Help ▸ Lecture tour… starts it again.</source>
        <translation>詢問、定位、編輯、評估、合併、持續學習。導覽做過的一切都在選單裡；「說明 ▸ 課程導覽…」可重新開始。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run this step</source>
        <translation>執行這一步</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Running…</source>
        <translation>執行中…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>This step did not work: %1</source>
        <translation>這一步沒有成功：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the demo model could not be opened</source>
        <translation>無法開啟示範模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The model&apos;s answer: “%1”.</source>
        <translation>模型的答案：「%1」。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the trace was cancelled</source>
        <translation>追蹤已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The brightest MLP cell over the subject is at layer %1; the edit form took it.</source>
        <translation>主詞上最亮的 MLP 格子在第 %1 層；編輯表單已採用它。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the trace did not start</source>
        <translation>追蹤沒有開始</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>this build has no %1 method</source>
        <translation>此版本沒有 %1 方法</translation>
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
        <translation>沒有可復原的編輯：模型保有原始權重。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undone: the model has its original weights again.</source>
        <translation>已復原：模型恢復原始權重。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>this build has no merge dock</source>
        <translation>此版本沒有合併面板</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the demo model&apos;s task vectors were not found</source>
        <translation>找不到示範模型的任務向量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Merged: %1 at +1, %2 at −1.</source>
        <translation>已合併：%1 權重 +1，%2 權重 −1。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the sequential edits window could not open</source>
        <translation>無法開啟連續編輯視窗</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+11"/>
        <source>The window is open and filled in: press Run in it.</source>
        <translation>視窗已開啟並填好：請在其中按「執行」。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>the test-time training window could not open</source>
        <translation>無法開啟測試時訓練視窗</translation>
    </message>
</context>
<context>
    <name>lancet::gui::LensPanel</name>
    <message>
        <location filename="../app/gui/lens_panel.cpp" line="+33"/>
        <source>the prompt bar&apos;s prompt</source>
        <translation>提示列的提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The prompt read through the lens, every layer and every position.</source>
        <translation>透過 logit 透鏡讀取的提示：每一層、每個位置。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>model&apos;s top-1</source>
        <translation>模型的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token whose probability shades the cells. Empty: the model&apos;s own next-token prediction.</source>
        <translation>以其機率為格子著色的詞元。留空：模型自己預測的下一個詞元。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How many of each cell&apos;s most likely tokens its tooltip lists.</source>
        <translation>每個格子的提示說明列出幾個最可能的詞元。</translation>
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
        <translation>第一名的機率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p(answer): how early in depth the answer takes shape. Top-1 probability: how sure each layer already is of its own guess.</source>
        <translation>p(答案)：答案在多淺的層就已成形。第一名的機率：每一層對自己的猜測已有多確定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Read layers</source>
        <translation>讀取各層(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>P&amp;rompt:</source>
        <translation>提示(&amp;R)：</translation>
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
        <translation>著色依據：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The logit lens reads the residual stream after every layer through the model&apos;s own final norm and unembedding: each cell is the token the model would predict if it stopped there. Bold cells already put the answer first.</source>
        <translation>logit 透鏡以模型自己的最終正規化與反嵌入讀取每一層之後的殘差流：每個格子是模型若在該處停下會預測的詞元。粗體格子已把答案排在第一。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rows: layers (the last one is the model&apos;s output). Columns: positions. Darker: more probable. Hover a cell for its top tokens.</source>
        <translation>列：層（最後一層即模型的輸出）。欄：位置。顏色越深：機率越高。將游標停在格子上可看其前幾名詞元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Before/after edit</source>
        <translation>編輯前後(&amp;B)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edited model</source>
        <translation>編輯後的模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base model</source>
        <translation>基礎模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which model the table shows: the weights with the edits, or the base model the edits were made on. The plot beside it shows both.</source>
        <translation>表格顯示哪一個模型：套用了編輯的權重，或編輯所依據的基礎模型。旁邊的圖同時顯示兩者。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sh&amp;ow:</source>
        <translation>顯示(&amp;O)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>layer</source>
        <translation>層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new answer&apos;s probability at the last position, read after every layer, before the edit and after it. The curves part where the edit starts to act; the layer where the edited curve rises is where the new answer appears in depth. The last layer is the model&apos;s output.</source>
        <translation>新答案在最後一個位置的機率，於每一層之後讀取，編輯前與編輯後各一條。兩條曲線分開之處就是編輯開始起作用的地方；編輯後曲線上升的那一層，就是新答案在深度上出現的位置。最後一層即模型的輸出。</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Logit lens cancelled.</source>
        <translation>已取消 logit 透鏡。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Logit lens failed: %1</source>
        <translation>logit 透鏡失敗：%1</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Reading every layer of “%1”…</source>
        <translation>正在讀取「%1」的每一層…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Answer %1</source>
        <translation>答案 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: first the top token at the last position at layer %1 of %2</source>
        <translation>：在最後一個位置，於第 %1 層（共 %2 層）首次成為第一名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>: never the top token at the last position</source>
        <translation>：在最後一個位置從未成為第一名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/gui/lens_panel_compare.cpp" line="-72"/>
        <source>layer %1 of %2</source>
        <translation>第 %1 層（共 %2 層）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>never</source>
        <translation>從未</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read the lens of the base model and of the edited model for the last edit&apos;s prompt “%1”, with its new target %2 as the answer: the depth at which the new answer appears. The engine undoes and redoes the edits exactly to read both; the model ends as it was.</source>
        <translation>以最後一次編輯的提示「%1」、並以其新目標 %2 為答案，讀取基礎模型與編輯後模型的 logit 透鏡：新答案在哪個深度出現。引擎以精確的復原與重做讀取兩者，結束時模型保持原樣。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Apply an edit first: this reads the logit lens of the base model and of the edited model side by side.</source>
        <translation>請先套用一個編輯：此功能會並排讀取基礎模型與編輯後模型的 logit 透鏡。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reading every layer of “%1” before and after the edit…</source>
        <translation>正在讀取「%1」在編輯前後的每一層…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>p(%1) at the last position</source>
        <translation>最後一個位置的 p(%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base model</source>
        <translation>基礎模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited model</source>
        <translation>編輯後的模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>edited layer %1</source>
        <translation>編輯的層 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (the first token of “%2”)</source>
        <translation>%1（「%2」的第一個詞元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New answer %1: the top token at the last position from %2 after the edit (base model: %3); p at the output %4 → %5 · %6 s</source>
        <translation>新答案 %1：編輯後自%2起成為最後一個位置的第一名（基礎模型：%3）；輸出處的 p 為 %4 → %5 · %6 秒</translation>
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
        <translation>隱藏狀態</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Causal trace</source>
        <translation>因果追蹤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching</source>
        <translation>修補</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logit lens</source>
        <translation>logit 透鏡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corrupt the subject with noise and restore one state at a time (ROME).</source>
        <translation>以雜訊破壞主詞，再一次還原一個狀態（ROME）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy activations between the prompt and a counterfactual prompt of the same length: exact, or estimated by attribution.</source>
        <translation>在提示與等長的反事實提示之間複製激活值：精確計算，或以歸因估計。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token each layer would predict, read through the final norm and unembedding.</source>
        <translation>每一層會預測的詞元，透過最終正規化與反嵌入讀取。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scorecard</source>
        <translation>記分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generations</source>
        <translation>產生結果</translation>
    </message>
    <message>
        <location line="+80"/>
        <location line="+1"/>
        <source>Exported the edited model to %1</source>
        <translation>已將編輯後的模型匯出至 %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Only %1 of the session&apos;s %2 edits could be replayed: %3</source>
        <translation>工作階段的 %2 個編輯中只有 %1 個能重播：%3</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Session restored: %n edit(s) replayed</source>
        <translation>
            <numerusform>已還原工作階段：重播了 %n 個編輯</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 errors · %2 warnings</source>
        <translation>%1 個錯誤 · %2 個警告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Autosave failed: %1</source>
        <translation>自動儲存失敗：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New target: %1</source>
        <translation>新目標：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prediction: %1</source>
        <translation>預測：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Trace cancelled: the maps show the cells computed so far</source>
        <translation>追蹤已取消：熱圖顯示目前已計算的格子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trace finished. Click a cell to edit at its layer.</source>
        <translation>追蹤完成。點選一個格子即可在該層進行編輯。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>from the %1 map, layer %2</source>
        <translation>來自 %1 熱圖，第 %2 層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (p = %1)</source>
        <translation> （p = %1）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>from the patching MLP map, layer %1</source>
        <translation>來自修補的 MLP 熱圖，第 %1 層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (score %1)</source>
        <translation>（分數 %1）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>from the logit lens, layer %1</source>
        <translation>來自 logit 透鏡，第 %1 層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (p %1)</source>
        <translation>（p %1）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Edit layer set to %1</source>
        <translation>編輯層已設為 %1</translation>
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
        <translation>%1 失敗：無法讀取或寫入檔案（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: out of memory (%2)</source>
        <translation>%1 失敗：記憶體不足（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+227"/>
        <source>%1 failed: %2</source>
        <translation>%1 失敗：%2</translation>
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
        <translation>已開啟 %1（%2 層）</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Replaying %n edit(s) of the session…</source>
        <translation>
            <numerusform>正在重播工作階段的 %n 個編輯…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../app/gui/main_window_actions.cpp" line="+244"/>
        <source>no model</source>
        <translation>無模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the model was cancelled</source>
        <translation>已取消開啟模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not open the model %1: %2</source>
        <translation>無法開啟模型 %1：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/gui/main_window_session.cpp" line="+85"/>
        <location line="+102"/>
        <source>Open another model…</source>
        <translation>開啟其他模型…</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+35"/>
        <source>Open a model first (Ctrl+O)</source>
        <translation>請先開啟模型（Ctrl+O）</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Type the prompt to trace in the prompt bar</source>
        <translation>請在提示列輸入要追蹤的提示</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Edit: %1</source>
        <translation>編輯：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Computing the edit… (Esc cancels)</source>
        <translation>正在計算編輯…（按 Esc 取消）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the edit…</source>
        <translation>正在等待編輯…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Applied at layer %1</source>
        <translation>已套用於第 %1 層</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>: p(%1) %2 → %3</source>
        <translation>：p(%1) %2 → %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit %1: %2</source>
        <translation>編輯 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cancelled: the model is unchanged.</source>
        <translation>已取消：模型未變更。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of memory: the model is unchanged. %1</source>
        <translation>記憶體不足：模型未變更。%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No edit to judge.</source>
        <translation>沒有可評判的編輯。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Exporting to %1…</source>
        <translation>正在匯出至 %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Undo %1</source>
        <translation>復原 %1(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/gui/main_window_actions.cpp" line="-140"/>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
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
        <translation>Lancet 工作階段（*.lancet-session.json *.json）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Open Model Folder…</source>
        <translation>開啟模型資料夾(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a Hugging Face checkpoint folder (config.json + *.safetensors)</source>
        <translation>開啟 Hugging Face 檢查點資料夾（config.json + *.safetensors）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Session…</source>
        <translation>開啟工作階段(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen a saved session: its model, then its edits in order</source>
        <translation>重新開啟已儲存的工作階段：先開啟其模型，再依序套用其編輯</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save Session</source>
        <translation>儲存工作階段(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the model, the edits, the prompts and the trace settings</source>
        <translation>儲存模型、編輯、提示與追蹤設定</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save Session &amp;As…</source>
        <translation>另存工作階段(&amp;A)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the session under a new name</source>
        <translation>以新名稱儲存工作階段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export Edited Model…</source>
        <translation>匯出編輯後的模型(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the edited weights as a new checkpoint folder that any tool can load</source>
        <translation>將編輯後的權重寫成新的檢查點資料夾，任何工具都能載入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit Lancet</source>
        <translation>結束 Lancet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>偏好設定(&amp;P)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device, dtype, threads, statistics corpus, colours</source>
        <translation>裝置、dtype、執行緒、統計語料、色彩</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Take the last edit back out of the weights (exactly: the engine restores the saved values)</source>
        <translation>將最後一個編輯從權重中移除（精確還原：引擎會還原已儲存的數值）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Put the undone edit back</source>
        <translation>重新套用已復原的編輯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Apply Edit</source>
        <translation>套用編輯(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute the ROME edit and write it into the weights; the scorecard follows</source>
        <translation>計算 ROME 編輯並寫入權重；接著計算記分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+88"/>
        <source>&amp;Trace</source>
        <translation>追蹤(&amp;T)</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Causal trace of the prompt: find the layers and tokens that recall the fact</source>
        <translation>對提示進行因果追蹤：找出回想起該事實的層與詞元</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running trace or edit</source>
        <translation>停止執行中的追蹤或編輯</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Score Edit Again</source>
        <translation>重新為編輯評分(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the scorecard of the last edit</source>
        <translation>重新計算最後一個編輯的記分卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;ompare States…</source>
        <translation>比較狀態(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare two states of the edit history: scorecards, next-token probabilities and the change of each weight matrix per layer</source>
        <translation>比較編輯歷程中的兩個狀態：記分卡、下一詞元機率，以及每個權重矩陣在各層的變化</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare &amp;Methods…</source>
        <translation>比較方法(&amp;M)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The edit in the form, made by each method (fine-tuning, its remedies, ROME) and undone before the next: reliability, generality and locality side by side</source>
        <translation>以每種方法（微調、其改良方法、ROME）分別完成表單中的編輯，並在下一個方法前復原：可靠性、泛化性與局部性並列比較</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Sequential Edits…</source>
        <translation>連續編輯(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit hundreds of a dataset&apos;s facts in, one after another, and watch the forgetting curve: earlier edits kept, locality, fact recall, weight growth (ROME vs MEMIT vs AlphaEdit)</source>
        <translation>將資料集中的數百個事實一個接一個編輯進模型，觀察遺忘曲線：先前編輯的保留、局部性、事實回想、權重增長（ROME、MEMIT 與 AlphaEdit 比較）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test-Time &amp;Training…</source>
        <translation>測試時訓練(&amp;T)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model adapts to a stream of unlabeled inputs while answering them (TENT, episodic, periodic reset, fast/slow): accuracy, entropy collapse and forgetting, live, one line per method</source>
        <translation>模型在回答一連串無標籤輸入的同時進行調適（TENT、逐段、定期重設、快／慢）：即時顯示準確率、熵崩塌與遺忘，每種方法一條線</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Lecture Tour…</source>
        <translation>課程導覽(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The lecture&apos;s story on the demo model, one click a step: ask a fact, trace it, edit it by fine-tuning and by ROME, merge task vectors, keep learning</source>
        <translation>在示範模型上走一遍課程的故事，一步一鍵：詢問事實、追蹤它、用微調與 ROME 編輯它、合併任務向量、持續學習</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;Recent Model</source>
        <translation>最近開啟的模型(&amp;R)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quick Start</source>
        <translation>快速入門(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Lancet</source>
        <translation>關於 Lancet(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>關於 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Main</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Architecture · device · dtype of the open model</source>
        <translation>已開啟模型的架構 · 裝置 · dtype</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the problems dock</source>
        <translation>顯示問題面板</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(none yet)</source>
        <translation>（尚無）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear the list</source>
        <translation>清除清單</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a model folder</source>
        <translation>開啟模型資料夾</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open a session</source>
        <translation>開啟工作階段</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the session</source>
        <translation>儲存工作階段</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export the edited model to a new folder</source>
        <translation>將編輯後的模型匯出至新資料夾</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The new device and dtype apply the next time a model is opened.</source>
        <translation>新的裝置與 dtype 將在下次開啟模型時生效。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen now</source>
        <translation>立即重新開啟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The thread count takes effect at the next start</source>
        <translation>執行緒數量將在下次啟動時生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new language applies when Lancet is started again.</source>
        <translation>新的語言會在下次啟動 Lancet 時套用。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&lt;b&gt;Locate&lt;/b&gt;: type a prompt that states a fact (“The Space Needle is located in the city of”) and press Trace (Ctrl+T). &lt;b&gt;Edit&lt;/b&gt;: click the brightest MLP cell at the subject&apos;s last token, type the new target (“ Paris”) and press Apply (Ctrl+Return). &lt;b&gt;Judge&lt;/b&gt;: read the scorecard and the generations; Ctrl+Z takes the edit back.</source>
        <translation>&lt;b&gt;定位&lt;/b&gt;：輸入陳述事實的提示（「The Space Needle is located in the city of」），然後按「追蹤」（Ctrl+T）。&lt;b&gt;編輯&lt;/b&gt;：點選主詞最後一個詞元處最亮的 MLP 格子，輸入新目標（「 Paris」），然後按「套用」（Ctrl+Return）。&lt;b&gt;評判&lt;/b&gt;：閱讀記分卡與產生結果；Ctrl+Z 可撤回編輯。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lecture tour</source>
        <translation>課程導覽</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>About Lancet</source>
        <translation>關於 Lancet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Lancet %1&lt;/h3&gt;&lt;p&gt;A workbench for model surgery: locate a fact with causal tracing, edit it with ROME, judge it with scorecards.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lancet %1&lt;/h3&gt;&lt;p&gt;模型手術工作台：以因果追蹤定位事實，以 ROME 編輯事實，以記分卡評判結果。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/main_window_session.cpp" line="-135"/>
        <source>No model is open. Open a Hugging Face checkpoint folder (config.json + *.safetensors) to start.</source>
        <translation>尚未開啟模型。請開啟 Hugging Face 檢查點資料夾（config.json + *.safetensors）以開始。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Model Folder…</source>
        <translation>開啟模型資料夾…</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Lancet did not shut down cleanly last time. Recover the autosaved session (%1, %n edit(s))?</source>
        <translation>
            <numerusform>Lancet 上次未正常關閉。要復原自動儲存的工作階段嗎（%1，%n 個編輯）？</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recover</source>
        <translation>復原</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard</source>
        <translation>捨棄</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Opening %1…</source>
        <translation>正在開啟 %1…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Session saved to %1</source>
        <translation>工作階段已儲存至 %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+2"/>
        <source>The session&apos;s model cannot be opened: %1</source>
        <translation>無法開啟工作階段的模型：%1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Unsaved edits</source>
        <translation>未儲存的編輯</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The model carries %n edit(s) that are not saved in a session. Save the session before closing?</source>
        <translation>
            <numerusform>模型帶有 %n 個尚未儲存到工作階段的編輯。關閉前要儲存工作階段嗎？</numerusform>
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
        <translation>DELLA（線性）</translation>
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
        <translation>線性（模型湯）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Spherical interpolation between the base and one task&apos;s model at t (mergekit&apos;s slerp).</source>
        <translation>在基礎模型與一個任務的模型之間，於 t 處做球面插值（mergekit 的 slerp）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLERP of two tasks&apos; vectors at t = w2 / (w1 + w2), with the base as origin.</source>
        <translation>以基礎模型為原點，對兩個任務的向量在 t = w2 / (w1 + w2) 處做 SLERP。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weighted spherical mean of the tasks&apos; vectors (or models).</source>
        <translation>各任務向量（或模型）的加權球面平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Riemannian (Karcher) mean of the models on the sphere, found iteratively.</source>
        <translation>以迭代求得各模型在球面上的黎曼（Karcher）平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model Stock (Jang et al. 2024): moves from the base toward the tasks&apos; average by t = N cos / (1 + (N - 1) cos), from the angle between the task vectors. Needs two or more.</source>
        <translation>Model Stock（Jang et al. 2024）：依任務向量之間的夾角，從基礎模型朝各任務的平均移動 t = N cos / (1 + (N - 1) cos)。需要兩個以上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breadcrumbs (Davari &amp; Belilovsky 2024): drop each vector&apos;s largest (gamma) and smallest (1 - density - gamma) entries, then add.</source>
        <translation>Breadcrumbs（Davari &amp; Belilovsky 2024）：丟棄每個向量中最大（gamma）與最小（1 - 密度 - gamma）的項，再相加。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breadcrumbs&apos; trimming, then TIES&apos; sign election.</source>
        <translation>先做 Breadcrumbs 的修剪，再做 TIES 的符號選舉。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELLA (Deep et al. 2024): drop entries at random, less often the larger they are (epsilon sets the spread), rescale, then TIES&apos; sign election.</source>
        <translation>DELLA（Deep et al. 2024）：隨機丟棄項，越大的項越少被丟（epsilon 決定差距），重新縮放，再做 TIES 的符號選舉。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DELLA&apos;s magnitude-ranked random drop and rescale, then a plain sum.</source>
        <translation>DELLA 依大小排名的隨機丟棄與重新縮放，再直接相加。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCE (FuseChat 2.0): keep the entries whose values vary most across the tasks, weight each task by its energy, average the sign-consistent ones.</source>
        <translation>SCE（FuseChat 2.0）：保留在各任務間變化最大的項，依能量為每個任務加權，再平均符號一致的項。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the task model&apos;s value wherever it lies within t of the base&apos;s.</source>
        <translation>凡任務模型的值與基礎模型相差在 t 以內之處，就採用任務模型的值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep only the changes whose importance passes a quartile threshold (Arcee).</source>
        <translation>只保留重要性超過四分位數門檻的變化（Arcee）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weighted average of the models.</source>
        <translation>各模型的加權平均。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Interpolation factor: 0 = the base, 1 = the other model.</source>
        <translation>插值係數：0 = 基礎模型，1 = 另一個模型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale of the merged task vector before it is added to the base.</source>
        <translation>合併後的任務向量加到基礎模型之前的縮放倍數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divide by the sum of the weights (a weighted mean rather than a sum).</source>
        <translation>除以權重總和（加權平均而非總和）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After dropping entries, scale the rest up so the vector keeps its size.</source>
        <translation>丟棄部分項後，放大其餘的項，讓向量保持原本的大小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store masks as 8-bit integers (mergekit&apos;s memory saving; same result).</source>
        <translation>以 8 位元整數儲存遮罩（mergekit 的省記憶體做法；結果相同）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breadcrumbs: the fraction of largest entries dropped as outliers.</source>
        <translation>Breadcrumbs：被當作離群值丟棄的最大項比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DELLA: how much the keep probability varies with an entry&apos;s magnitude rank.</source>
        <translation>DELLA：保留機率隨項的大小排名變化的幅度。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SCE: the fraction of entries with the highest variance across tasks that are kept.</source>
        <translation>SCE：保留的、在各任務間變異最大的項的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model Stock: one interpolation factor per row instead of one per tensor.</source>
        <translation>Model Stock：每一列一個插值係數，而不是每個張量一個。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NuSLERP: treat each tensor as one long vector.</source>
        <translation>NuSLERP：把每個張量當成一個長向量。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NuSLERP: interpolate row by row instead of column by column.</source>
        <translation>NuSLERP：逐列插值，而不是逐行。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multi-SLERP: make the weights sum to 1.</source>
        <translation>Multi-SLERP：讓權重總和為 1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A small number that keeps divisions finite.</source>
        <translation>讓除法保持有限值的小數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Karcher mean: the most iterations.</source>
        <translation>Karcher 平均：最多迭代次數。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Karcher mean: stop when a step moves less than this.</source>
        <translation>Karcher 平均：一步移動小於此值時停止。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+104"/>
        <source>&amp;Apply merge</source>
        <translation>套用合併(&amp;A)</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>Merge once with this method: the tasks whose slider is not at 0 take part, with their slider weights where the method has weights. Moving a slider afterwards does not re-merge; press Apply again.</source>
        <translation>用這個方法合併一次：滑桿不在 0 的任務參與合併，方法有權重時使用滑桿的權重。之後移動滑桿不會重新合併；請再按一次「套用」。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 Takes %2 task(s)%3; merges once, when you press Apply.</source>
        <translation>%1 需要 %2 個任務%3；按下「套用」時合併一次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> besides the base</source>
        <translation>（基礎模型之外）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (each task):</source>
        <translation>%1（每個任務）：</translation>
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
        <translation>合併中…</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MergePanel</name>
    <message>
        <location filename="../app/gui/merge_panel.cpp" line="+54"/>
        <source>Base model folder (its task vectors are in tasks/)</source>
        <translation>基礎模型資料夾（其任務向量位於 tasks/）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open tasks</source>
        <translation>開啟任務</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load the base model&apos;s task vectors (BASE/tasks/*/) into a merge of their own: the workbench&apos;s model is not touched.</source>
        <translation>將基礎模型的任務向量（BASE/tasks/*/）載入一個獨立的合併中：工作台的模型不受影響。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export YAML…</source>
        <translation>匯出 YAML…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the merge as it stands as a mergekit configuration: lancet-cli merge CONFIG.yml (or mergekit) reproduces these weights.</source>
        <translation>將目前的合併儲存為 mergekit 設定：lancet-cli merge CONFIG.yml（或 mergekit）可重現這些權重。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Task arithmetic</source>
        <translation>任務算術</translation>
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
        <translation>任務算術：基礎 + Σ 權重 × 任務向量（Ilharco et al. 2023）。
TIES：保留每個向量中最大的項，為每個權重選出一個符號，再平均符號一致的項（Yadav et al. 2023）。
DARE：隨機丟棄一些項，並將其餘的項乘以 1/密度（Yu et al. 2024）；丟棄模式有固定種子，所以不會閃動。
分隔線以下的方法在按下「套用」時才合併一次。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Density: the fraction of each task vector kept (TIES: the largest entries; DARE: a random subset, so drop rate = 1 - density).</source>
        <translation>密度：每個任務向量保留的比例（TIES：最大的項；DARE：隨機子集，因此丟棄率 = 1 - 密度）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Merged model vs base</source>
        <translation>合併模型與基礎模型比較</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No scores yet: open the tasks and move a slider.</source>
        <translation>尚無分數：請開啟任務並移動滑桿。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base</source>
        <translation>基礎</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>merged</source>
        <translation>合併後</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a base model&apos;s task vectors to merge them.</source>
        <translation>開啟基礎模型的任務向量以進行合併。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Base:</source>
        <translation>基礎：</translation>
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
        <translation>匯出 mergekit YAML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mergekit configuration (*.yml *.yaml)</source>
        <translation>mergekit 設定（*.yml *.yaml）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Choose a base model folder first.</source>
        <translation>請先選擇基礎模型資料夾。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the base model and its task vectors...</source>
        <translation>正在載入基礎模型及其任務向量...</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>%1 merges %2 task(s) besides the base; move the sliders of exactly those away from 0 (%3 are now).</source>
        <translation>%1 在基礎模型之外合併 %2 個任務；請把恰好這些任務的滑桿移離 0（目前有 %3 個）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Merging %1 with %2…</source>
        <translation>正在用 %2 合併 %1…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 tensors, %2 parameters</source>
        <translation>%1 個張量，%2 個參數</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weight of %1: 0 = the base, 1 = the fine-tuned model, -1 = the task negated (subtracted: forgetting), 2 = pushed twice as far.</source>
        <translation>%1 的權重：0 = 基礎模型，1 = 微調後的模型，-1 = 取反的任務（相減：遺忘），2 = 推進兩倍遠。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>%1 merges when you press Apply (the sliders choose the tasks and their weights).</source>
        <translation>%1 在按下「套用」時才合併（滑桿決定參與的任務與其權重）。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>exact match, %1 prompts</source>
        <translation>完全符合，%1 個提示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Share of the task&apos;s evaluation prompts (trained and held-out phrasings) the model completes exactly right. For a private-record task this is the leak rate: lower is better.</source>
        <translation>模型完全答對的任務評估提示（訓練用與保留的說法）所占比例。對私人紀錄任務而言，這就是洩漏率：越低越好。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base facts kept</source>
        <translation>保留的基礎事實</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 facts</source>
        <translation>%1 個事實</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Of a sample of the base model&apos;s facts that it answers right, the share the merged model still answers right (locality).</source>
        <translation>在基礎模型答對的事實樣本中，合併模型仍然答對的比例（局部性）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fluency</source>
        <translation>流暢度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updating…</source>
        <translation>更新中…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>n-gram entropy, bits</source>
        <translation>n-gram 熵（位元）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ROME&apos;s n-gram entropy of a short greedy continuation: it drops when the model starts repeating itself.</source>
        <translation>ROME 所用的短貪婪續寫之 n-gram 熵：當模型開始自我重複時會下降。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;i&gt;Greedy text:&lt;/i&gt; %1</source>
        <translation>&lt;i&gt;貪婪文字：&lt;/i&gt;%1</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n task vector(s) loaded; every weight at 0 is the base model.</source>
        <translation>
            <numerusform>已載入 %n 個任務向量；所有權重為 0 時即為基礎模型。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 merged %2 in %3 ms; scored in %4 ms. Export YAML saves this merge.</source>
        <translation>%1 在 %3 ms 內合併了 %2；評分用了 %4 ms。「匯出 YAML」可儲存這次合併。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>merged in %1 ms; accuracies %2 ms from the slider, fluency at %3 ms</source>
        <translation>合併耗時 %1 毫秒；滑桿後 %2 毫秒得到準確率，%3 毫秒得到流暢度</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>merged in %1 ms; accuracies %2 ms from the slider; fluency follows</source>
        <translation>合併耗時 %1 毫秒；滑桿後 %2 毫秒得到準確率；流暢度隨後更新</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not open the merge: %1</source>
        <translation>無法開啟合併：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply cancelled; the sliders&apos; live merge is back in place.</source>
        <translation>已取消套用；滑桿的即時合併已恢復。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apply failed: %1</source>
        <translation>套用失敗：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Merge failed: %1</source>
        <translation>合併失敗：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Could not write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MessageBar</name>
    <message>
        <location filename="../app/gui/message_bar.cpp" line="+27"/>
        <source>Dismiss</source>
        <translation>關閉</translation>
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
        <translation>同一主詞</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fact recall</source>
        <translation>事實回想</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Compare editing methods</source>
        <translation>比較編輯方法</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Run</source>
        <translation>執行(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the model once per method, score it, undo it: every method starts from the same weights. Your own edits and their undo history stay as they are.</source>
        <translation>每種方法各編輯模型一次、評分、再復原：每種方法都從相同的權重開始。您自己的編輯及其復原歷程保持不變。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Chart…</source>
        <translation>匯出圖表(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart as PNG or SVG (for slides)</source>
        <translation>將圖表儲存為 PNG 或 SVG（用於投影片）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fluency (bits)</source>
        <translation>流暢度（位元）</translation>
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
        <translation>時間（秒）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>After the edit, x100: EasyEdit&apos;s token accuracy (reliability: the edited prompt; generality: its paraphrases; locality: unrelated prompts keep their answers; same subject: the subject&apos;s other facts, from the Keep field; fact recall: a fixed sample of the model&apos;s own facts it still completes). Fluency: n-gram entropy of a greedy continuation. Perplexity: general text like the model&apos;s training text, before → after (lower is better).</source>
        <translation>編輯後的數值 ×100：EasyEdit 的詞元準確率（可靠性：被編輯的提示；泛化性：其改寫說法；局部性：無關提示保持原答案；同一主詞：主詞的其他事實，取自「保留」欄位；事實回想：模型本身事實的固定樣本中仍能補全的比例）。流暢度：貪婪續寫的 n-gram 熵。困惑度：類似模型訓練文字的一般文字，編輯前 → 編輯後（越低越好）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The same edit, method by method</source>
        <translation>同一個編輯，逐一方法比較</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after the edit (%)</source>
        <translation>編輯後（%）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export chart</source>
        <translation>匯出圖表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 圖片（*.png）;;SVG 繪圖（*.svg）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the methods and press Run.</source>
        <translation>請選擇方法並按「執行」。</translation>
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
            <numerusform>正在執行 %n 種方法，每次編輯都會在下一個方法前復原…（按 Esc 取消）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled; the model is as it was.</source>
        <translation>已取消；模型維持原狀。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%n method(s) failed; see the table.</source>
        <translation>
            <numerusform>%n 種方法失敗；請查看表格。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each method edited the same weights and was undone. Values after the edit, x100 (EasyEdit token accuracy).</source>
        <translation>每種方法都編輯了相同的權重並已復原。數值為編輯後 ×100（EasyEdit 詞元準確率）。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::MethodForm</name>
    <message>
        <location filename="../app/gui/method_form.cpp" line="+48"/>
        <source>The method&apos;s hyperparameters, with the defaults for this model. Hover a field for what it does.</source>
        <translation>此方法的超參數，以及此模型的預設值。將滑鼠停在欄位上可查看其作用。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Advanced parameters</source>
        <translation>進階參數</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters: the defaults for this model</source>
        <translation>參數：此模型的預設值</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Parameters: %n changed</source>
        <translation>
            <numerusform>參數：已變更 %n 個</numerusform>
        </translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Default for this model: %1</source>
        <translation>此模型的預設值：%1</translation>
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
        <translation>改寫提示中，新答案的機率高於原答案的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficacy magnitude</source>
        <translation>有效性幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean P(new object) - P(true object) on the rewrite prompt (per-token geometric mean probabilities).</source>
        <translation>改寫提示上 P(新答案) − P(原答案) 的平均（各詞元機率的幾何平均）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paraphrase success</source>
        <translation>改述成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of paraphrased prompts where the new object is more likely than the true one.</source>
        <translation>改述提示中，新答案的機率高於原答案的比例。</translation>
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
        <translation>未見說法的改述成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PS over phrasings the editor never saw (Lancet facts&apos; heldout_prompts).</source>
        <translation>編輯時從未見過的說法上的 PS（Lancet 事實檔的 heldout_prompts）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out paraphrase magnitude</source>
        <translation>未見說法的改述幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PM over phrasings the editor never saw.</source>
        <translation>編輯時從未見過的說法上的 PM。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbourhood success</source>
        <translation>鄰域成功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of neighbouring subjects&apos; prompts where their own answer stays more likely than the new object.</source>
        <translation>鄰近主體的提示中，其原本答案仍比新答案更可能的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbourhood magnitude</source>
        <translation>鄰域幅度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean P(neighbour&apos;s answer) - P(new object) over neighbourhood prompts.</source>
        <translation>鄰域提示上 P(鄰近主體的答案) − P(新答案) 的平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score (hmean ES, PS, NS)</source>
        <translation>分數（ES、PS、NS 的調和平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Harmonic mean of the mean ES, PS and NS (ROME&apos;s editing score).</source>
        <translation>ES、PS 與 NS 平均值的調和平均（ROME 的編輯分數）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teacher-forced token accuracy of the new object after the rewrite prompt.</source>
        <translation>改寫提示之後，新答案的教師強制詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generalization</source>
        <translation>泛化性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teacher-forced token accuracy of the new object after paraphrased prompts.</source>
        <translation>改述提示之後，新答案的教師強制詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out generalization</source>
        <translation>未見說法的泛化性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token accuracy of the new object after phrasings the editor never saw.</source>
        <translation>編輯時從未見過的說法之後，新答案的詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Locality</source>
        <translation>局部性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of argmax tokens on unrelated prompts that the edit left unchanged.</source>
        <translation>無關提示上，最高機率詞元未被編輯改變的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same-subject locality</source>
        <translation>同主體局部性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of argmax tokens on the subject&apos;s other facts that the edit left unchanged.</source>
        <translation>該主體的其他事實上，最高機率詞元未被編輯改變的比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portability</source>
        <translation>可移植性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token accuracy on questions that need the edited fact (reverse, multi-hop).</source>
        <translation>需要用到被編輯事實的問題（反向、多跳）上的詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Efficacy</source>
        <translation>有效性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy of the inserted answer after the question.</source>
        <translation>zsRE：問題之後，插入答案的詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paraphrase</source>
        <translation>改述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy of the inserted answer after the rephrased question.</source>
        <translation>zsRE：改述的問題之後，插入答案的詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held-out paraphrase</source>
        <translation>未見說法的改述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy after phrasings the editor never saw.</source>
        <translation>zsRE：編輯時從未見過的說法之後的詞元準確率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specificity</source>
        <translation>特異性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>zsRE token accuracy of the NQ answers on unrelated questions (not relative to the unedited model).</source>
        <translation>zsRE：無關問題上 NQ 答案的詞元準確率（不與未編輯的模型相比）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score (hmean efficacy, paraphrase, specificity)</source>
        <translation>分數（有效性、改述、特異性的調和平均）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Harmonic mean of the mean efficacy, paraphrase and specificity.</source>
        <translation>有效性、改述與特異性平均值的調和平均。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fluency (n-gram entropy)</source>
        <translation>流暢度（n-gram 熵）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weighted bi- and tri-gram entropy of sampled generations, in bits; low values mean repetition.</source>
        <translation>取樣生成文字的二元與三元語法加權熵（位元）；數值低代表重複。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General-text perplexity</source>
        <translation>一般文本困惑度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity of a fixed sample of general text (lower is better): what the edit did to everything it was not about.</source>
        <translation>一段固定一般文本的困惑度（越低越好）：編輯對它無關的一切造成了什麼影響。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fact recall</source>
        <translation>事實回想</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of a fixed sample of the model&apos;s own facts it still completes token for token: how many of its facts survive the edit.</source>
        <translation>模型自身事實的固定樣本中，仍能逐詞元完整說出的比例：有多少事實在編輯後倖存。</translation>
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
        <translation>架構</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The model family the engine recognised from config.json</source>
        <translation>引擎從 config.json 辨識出的模型家族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>參數</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number of weights (embedding counted once when tied)</source>
        <translation>權重數量（綁定時嵌入只計算一次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size in memory</source>
        <translation>記憶體大小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bytes of all the tensors at the loaded dtype</source>
        <translation>所有張量在載入 dtype 下的位元組數</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+149"/>
        <source>Layers</source>
        <translation>層數</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>Transformer blocks: the columns of the causal-trace maps</source>
        <translation>Transformer 區塊：因果追蹤熱圖的各欄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width</source>
        <translation>寬度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>d_model (residual stream width) / d_ff (MLP hidden width)</source>
        <translation>d_model（殘差流寬度）/ d_ff（MLP 隱藏寬度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heads</source>
        <translation>注意力頭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention heads × head width. With grouped-query attention (Llama 3, Qwen, Mistral, Gemma) several query heads share one key/value head, which shrinks the KV cache.</source>
        <translation>注意力頭數 × 每頭寬度。使用分組查詢注意力（Llama 3、Qwen、Mistral、Gemma）時，多個查詢頭共用一個鍵／值頭，可縮小 KV 快取。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Positions</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the model knows where a token is: learned position embeddings (GPT-2), or rotary embeddings that turn queries and keys by an angle per position (base, rotated features, and any long-context scaling)</source>
        <translation>模型如何得知詞元的位置：學習得到的位置嵌入（GPT-2），或旋轉位置嵌入，依位置將查詢與鍵旋轉一個角度（基數、旋轉的特徵，以及任何長上下文縮放）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which earlier tokens each layer may look at: all of them, or a sliding window on some layers (Mistral, Gemma 2/3) — a fact further back than the window is out of that layer&apos;s sight</source>
        <translation>每一層可以看到哪些先前的詞元：全部，或在某些層使用滑動視窗（Mistral、Gemma 2/3）——比視窗更早的事實，該層看不到</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Longest prompt the model accepts, in tokens</source>
        <translation>模型可接受的最長提示，以詞元計</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vocabulary</source>
        <translation>詞彙表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tokens in the tokenizer&apos;s vocabulary</source>
        <translation>分詞器詞彙表中的詞元數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>裝置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where the weights live and the work runs (Settings → Device)</source>
        <translation>權重存放與運算執行的位置（設定 → 裝置）</translation>
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
        <translation>權重的數值格式（設定 → Dtype）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edits</source>
        <translation>編輯</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edits currently applied to the weights (Edit → Undo removes the last)</source>
        <translation>目前套用於權重的編輯（編輯 → 復原可移除最後一個）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint</source>
        <translation>指紋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash of the base weights: edit files and sessions name the model they were made on</source>
        <translation>基礎權重的雜湊值：編輯檔與工作階段會記錄它們所依據的模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter tensors (e.g. mlp.c_proj)</source>
        <translation>篩選張量（例如 mlp.c_proj）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tensor</source>
        <translation>張量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shape</source>
        <translation>形狀</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each layer&apos;s weight tensors. ROME edits one matrix: the MLP output projection of the chosen layer (mlp.c_proj in GPT-2, mlp.down_proj in Llama, Qwen, Mistral and Gemma, mlp.dense_4h_to_h in GPT-NeoX, mlp.fc_out in GPT-J).</source>
        <translation>每一層的權重張量。ROME 只編輯一個矩陣：所選層的 MLP 輸出投影（GPT-2 中為 mlp.c_proj；Llama、Qwen、Mistral 與 Gemma 中為 mlp.down_proj；GPT-NeoX 中為 mlp.dense_4h_to_h；GPT-J 中為 mlp.fc_out）。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>No model loaded</source>
        <translation>未載入模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File → Open model folder… (Ctrl+O) opens a Hugging Face checkpoint folder (config.json, *.safetensors, the tokenizer files).</source>
        <translation>檔案 → 開啟模型資料夾…（Ctrl+O）可開啟 Hugging Face 檢查點資料夾（config.json、*.safetensors、分詞器檔案）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading %1…</source>
        <translation>正在載入 %1…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not open %1</source>
        <translation>無法開啟 %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 × %2 (%3 key/value heads)</source>
        <translation>%1 × %2（%3 個鍵／值頭）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>learned embeddings</source>
        <translation>學習得到的嵌入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rotary, base %1, %2 features per head</source>
        <translation>旋轉位置嵌入，基數 %1，每頭 %2 個特徵</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, %1 scaling ×%2</source>
        <translation>，%1 縮放 ×%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>every earlier token</source>
        <translation>所有先前的詞元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sliding window of %1 on %2 of %3 layers</source>
        <translation>%3 層中有 %2 層使用大小為 %1 的滑動視窗</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 tokens</source>
        <translation>%1 個詞元</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+53"/>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Embeddings, final norm, head</source>
        <translation>嵌入、最終正規化、輸出頭</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>layer %1</source>
        <translation>第 %1 層</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 blocks</source>
        <translation>%1 個區塊</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tensors</source>
        <translation>%1 個張量</translation>
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
            <numerusform>已套用 %n 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::PatchCheckView</name>
    <message>
        <location filename="../app/gui/patch_check_view.cpp" line="+32"/>
        <source>hidden</source>
        <translation>隱藏狀態</translation>
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
        <translation>注意力頭</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>How many of the estimate&apos;s strongest cells (largest |score|) to patch exactly. Each costs a share of one batched forward pass.</source>
        <translation>要精確修補估計中最強的幾個格子（|分數| 最大者）。每個格子占用一次批次前向傳遞的一部分。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Site</source>
        <translation>位置類型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Layer</source>
        <translation>層</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pos./head</source>
        <translation>位置/注意力頭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Estimate</source>
        <translation>估計</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Exact</source>
        <translation>精確</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Off by</source>
        <translation>偏差</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The estimate&apos;s strongest cells, strongest first, each beside its exact score (1 = as the clean prompt, 0 = as the corrupted one). Rows in bold: the estimate is off by more than %1, where the first-order estimate fails.</source>
        <translation>估計中最強的格子，由強到弱，每一格旁列出其精確分數（1 = 與乾淨提示相同，0 = 與破壞提示相同）。粗體列：估計偏差超過 %1，一階估計在此失準。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Top &amp;N:</source>
        <translation>前 N 名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Check top %1 exactly</source>
        <translation>精確檢查前 %1 名(&amp;C)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run attribution patching, then check its strongest cells here by patching them exactly.</source>
        <translation>先執行歸因修補，再在此以精確修補檢查其最強的格子。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>An estimate is a first-order guess: patch its strongest cells exactly to see where it holds.</source>
        <translation>估計只是一階的猜測：精確修補其最強的格子，看看它在哪裡成立。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Patch the estimate&apos;s %1 strongest cells for real and set each estimate beside the truth, with their rank correlation.</source>
        <translation>實際修補估計中最強的 %1 個格子，將每個估計與真實值並列，並附上兩者的等級相關。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Patching the %1 strongest cells exactly… (Cancel stops it)</source>
        <translation>正在精確修補最強的 %1 個格子…（按「取消」可停止）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>head %1</source>
        <translation>注意力頭 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pos %1</source>
        <translation>位置 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Off by %1: linearisation fails here.</source>
        <translation>偏差 %1：線性化在此失準。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off by %1.</source>
        <translation>偏差 %1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>undefined</source>
        <translation>無定義</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rank correlation of estimate and exact (Spearman ρ): %1 over %n cell(s); %2 off by more than %3 · %4 s</source>
        <translation>
            <numerusform>估計與精確值的等級相關（Spearman ρ）：%n 個格子上為 %1；%2 個偏差超過 %3 · %4 秒</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Check cancelled.</source>
        <translation>已取消檢查。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check failed: %1</source>
        <translation>檢查失敗：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::PatchingPanel</name>
    <message>
        <location filename="../app/gui/patching_panel.cpp" line="+54"/>
        <source>The prompt whose answer you want to locate (A), e.g. “The Space Needle is located in the city of” → Seattle.</source>
        <translation>要定位其答案（A）的提示，例如「The Space Needle is located in the city of」→ Seattle。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A counterfactual prompt with another answer (B) and the same number of tokens: activations are copied position by position between the two runs.</source>
        <translation>答案不同（B）且詞元數相同的反事實提示：兩次執行之間逐位置複製激活值。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>clean top-1</source>
        <translation>乾淨提示的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer A. Empty: the clean prompt&apos;s most likely next token.</source>
        <translation>答案 A。留空：乾淨提示最可能的下一個詞元。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>corrupted top-1</source>
        <translation>破壞提示的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer B. Empty: the corrupted prompt&apos;s most likely next token.</source>
        <translation>答案 B。留空：破壞提示最可能的下一個詞元。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exact</source>
        <translation>精確</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution</source>
        <translation>歸因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exact: every cell patched for real, many cells per batched forward pass. Attribution: every cell estimated at once from one backward pass, Δm ≈ (a_source − a_receiving) · ∂m/∂a; fast on a large model, but only a first-order guess.</source>
        <translation>精確：每個格子都實際修補，每次批次前向傳遞處理多個格子。歸因：由一次反向傳遞同時估計所有格子，Δm ≈ (a_source − a_receiving) · ∂m/∂a；在大模型上很快，但只是一階近似。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Denoising</source>
        <translation>去雜訊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noising</source>
        <translation>加雜訊</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denoising runs the corrupted prompt and copies in one clean activation: which component suffices to bring A back. Noising runs the clean prompt and copies in one corrupted activation: which component is necessary.</source>
        <translation>去雜訊：執行破壞提示並複製進一個乾淨的激活值——哪個元件足以讓 A 回來。加雜訊：執行乾淨提示並複製進一個破壞的激活值——哪個元件是必要的。</translation>
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
        <translation>在最後一個位置量測：logit(A) − logit(B)，對殘差流為線性且不會飽和（領域慣用的預設），或 A 的機率。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hidden</source>
        <translation>隱藏狀態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The residual stream after each block.</source>
        <translation>每個區塊之後的殘差流。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each block&apos;s MLP output.</source>
        <translation>每個區塊的 MLP 輸出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each block&apos;s attention output.</source>
        <translation>每個區塊的注意力輸出。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heads</source>
        <translation>注意力頭</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every attention head, patched at all positions at once.</source>
        <translation>每個注意力頭，一次修補所有位置。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Patch</source>
        <translation>修補(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the prompts line up, then patch every cell.</source>
        <translation>先確認兩個提示對得上，再修補每個格子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>C&amp;lean:</source>
        <translation>乾淨(&amp;L)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answer A:</source>
        <translation>答案 A：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;orrupted:</source>
        <translation>破壞(&amp;O)：</translation>
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
        <translation>指標：</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Patching copies one activation at a time between a clean and a counterfactual prompt: the cells that carry the answer across show where the model recalls the fact.</source>
        <translation>修補在乾淨提示與反事實提示之間一次複製一個激活值：能把答案帶過去的格子，顯示模型在何處回想起事實。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Patching hidden states</source>
        <translation>修補隱藏狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching MLP outputs</source>
        <translation>修補 MLP 輸出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching attention outputs</source>
        <translation>修補注意力輸出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching attention heads</source>
        <translation>修補注意力頭</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>score</source>
        <translation>分數</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head (all positions patched at once)</source>
        <translation>注意力頭（一次修補所有位置）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>layer</source>
        <translation>層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hover a cell to read its score.</source>
        <translation>將游標停在格子上可讀取其分數。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+381"/>
        <source>not computed</source>
        <translation>未計算</translation>
    </message>
    <message>
        <location line="-381"/>
        <location line="+383"/>
        <source>score %1</source>
        <translation>分數 %1</translation>
    </message>
    <message>
        <location line="-382"/>
        <source>layer %1 · head %2 · %3</source>
        <translation>第 %1 層 · 注意力頭 %2 · %3</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>The weights changed since the estimate: run attribution patching again to check it against them.</source>
        <translation>權重在估計之後已改變：請重新執行歸因修補，再依新權重檢查。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run attribution patching, then check its strongest cells here by patching them exactly.</source>
        <translation>先執行歸因修補，再在此以精確修補檢查其最強的格子。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Type a clean prompt and a corrupted (counterfactual) prompt.</source>
        <translation>請輸入乾淨提示與破壞（反事實）提示。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pick at least one site to patch.</source>
        <translation>請至少選擇一個要修補的部位。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Checking that the prompts line up…</source>
        <translation>正在確認兩個提示是否對得上…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Patching cancelled.</source>
        <translation>已取消修補。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The prompts tokenize to %1 and %2 tokens. Patching copies activations position by position, so pick a counterfactual whose changed words take as many tokens as the originals.
clean (%1): %3
corrupted (%2): %4</source>
        <translation>兩個提示分詞後分別為 %1 與 %2 個詞元。修補是逐位置複製激活值，請選一個替換字詞與原字詞詞元數相同的反事實提示。
乾淨（%1）：%3
破壞（%2）：%4</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not patched: the prompts do not line up.</source>
        <translation>未修補：兩個提示對不上。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Estimating every cell from one backward pass… (Cancel stops it)</source>
        <translation>正在由一次反向傳遞估計每個格子…（按「取消」可停止）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patching every cell… (Cancel stops it)</source>
        <translation>正在修補每個格子…（按「取消」可停止）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>These scores are exact already. Switch the method to Attribution to estimate every cell, then check the estimate here.</source>
        <translation>這些分數已是精確值。將方法切換為「歸因」以估計每個格子，再於此檢查估計。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: answer A %2, answer B %3; %4 on the clean prompt %5, on the corrupted one %6 · %7 forward and %8 backward passes in %9 s</source>
        <translation>%1：答案 A %2，答案 B %3；%4 在乾淨提示上為 %5，在破壞提示上為 %6 · %7 次前向與 %8 次反向傳遞，共 %9 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attribution patching</source>
        <translation>歸因修補</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Activation patching</source>
        <translation>激活值修補</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>logit(A) − logit(B)</source>
        <translation>logit(A) − logit(B)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Patching cancelled: the maps keep the previous result.</source>
        <translation>已取消修補：熱圖保留先前的結果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patching failed.</source>
        <translation>修補失敗。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>position %1 “%2”</source>
        <translation>位置 %1「%2」</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (corrupted “%1”)</source>
        <translation>（破壞提示為「%1」）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · layer %1</source>
        <translation> · 第 %1 層</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>estimated score ≈ %1</source>
        <translation>估計分數 ≈ %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>click to edit at this layer</source>
        <translation>點擊以在此層編輯</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Each cell copies one activation of the clean run into the corrupted run (denoising).</source>
        <translation>每個格子把乾淨執行的一個激活值複製到破壞執行中（去雜訊）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each cell copies one activation of the corrupted run into the clean run (noising).</source>
        <translation>每個格子把破壞執行的一個激活值複製到乾淨執行中（加雜訊）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score 1: the model now behaves as on the clean prompt; 0: as on the corrupted prompt. Values beyond 0 or 1 overshoot.</source>
        <translation>分數 1：模型的表現如同在乾淨提示上；0：如同在破壞提示上。超出 0 或 1 的值代表過衝。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Attribution patching estimates each score from one backward pass, Δm ≈ (a_source − a_receiving) · ∂m/∂a: cheap, but it fails where the metric saturates or the patch is large (whole residual streams at early layers). Check strong cells with Exact.</source>
        <translation>歸因修補由一次反向傳遞估計每個分數，Δm ≈ (a_source − a_receiving) · ∂m/∂a：成本低，但在指標飽和或修補幅度大時（例如淺層的整個殘差流）會失準。請用「精確」核對強的格子。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patching the residual stream after a block, at one position and layer.</source>
        <translation>修補某個區塊之後的殘差流，於單一位置與層。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patching one MLP output, at one position and layer. A strong cell at the last subject token in the middle layers is where an MLP edit (ROME, MEMIT) writes the fact: click it to edit at that layer.</source>
        <translation>修補單一 MLP 輸出，於單一位置與層。中間層、主詞最後一個詞元上的強格子，正是 MLP 編輯（ROME、MEMIT）寫入事實之處：點擊它即可在該層編輯。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Patching one attention output, at one position and layer. Attention matters late, at the last token, where it moves the recalled fact to the prediction.</source>
        <translation>修補單一注意力輸出，於單一位置與層。注意力在較深的層、最後一個詞元上才重要，它把回想起的事實搬到預測處。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patching one attention head&apos;s output at every position at once (rows: layers, columns: heads).</source>
        <translation>一次修補單一注意力頭在所有位置的輸出（列：層，欄：注意力頭）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starred tokens differ between the two prompts. Click an MLP cell to edit at its layer.</source>
        <translation>標星號的詞元在兩個提示中不同。點擊 MLP 格子即可在其層編輯。</translation>
    </message>
</context>
<context>
    <name>lancet::gui::PresentationMode</name>
    <message>
        <location filename="../app/gui/presentation_mode.cpp" line="+16"/>
        <source>&amp;Presentation Mode</source>
        <translation>簡報模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Larger text and thicker plot lines for a projector; the side panels fold away (F5 or Ctrl+Shift+P again to leave)</source>
        <translation>較大的文字與較粗的圖表線條，適合投影機；側邊面板會收起（再按 F5 或 Ctrl+Shift+P 離開）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::ProblemsDock</name>
    <message>
        <location filename="../app/gui/problems_dock.cpp" line="+36"/>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Info</source>
        <translation>資訊</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+150"/>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>Severity</source>
        <translation>嚴重程度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Errors and warnings from the engine and the workbench. Double-click an entry to jump to the part of the window concerned.</source>
        <translation>來自引擎與工作台的錯誤和警告。按兩下項目即可跳到視窗中相關的部分。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Jump to</source>
        <translation>跳至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show and focus the part of the window this problem is about</source>
        <translation>顯示並聚焦此問題所涉及的視窗部分</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forget every entry</source>
        <translation>清除所有項目</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 (×%2)</source>
        <translation>%1（×%2）</translation>
    </message>
    <message>
        <location line="+76"/>
        <source> (%1 errors, %2 warnings)</source>
        <translation> （%1 個錯誤，%2 個警告）</translation>
    </message>
</context>
<context>
    <name>lancet::gui::PromptPanel</name>
    <message>
        <location filename="../app/gui/prompt_panel.cpp" line="+29"/>
        <source>&amp;Prompt:</source>
        <translation>提示(&amp;P)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type a prompt: The Space Needle is located in the city of</source>
        <translation>輸入提示：The Space Needle is located in the city of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model&apos;s next-token distribution updates as you type. This prompt is also the one Trace (Ctrl+T) locates the fact in.</source>
        <translation>模型的下一詞元分布會隨您的輸入即時更新。「追蹤」（Ctrl+T）也是在這個提示中定位事實。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next token</source>
        <translation>下一個詞元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 most likely next tokens. Click a token to make it the edit&apos;s new target. After an edit, grey bars show the base model&apos;s probabilities for the same prompt.</source>
        <translation>最可能的 %1 個下一詞元。點選詞元即可將它設為編輯的新目標。編輯後，灰色長條顯示基礎模型對同一提示的機率。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;Start here&lt;/b&gt;&lt;/p&gt;&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;&lt;b&gt;Type a prompt&lt;/b&gt; that states a fact in the box above, e.g. &lt;i&gt;%1&lt;/i&gt; (&lt;a href=&apos;example&apos;&gt;use this example&lt;/a&gt;). The bars show the model&apos;s next token.&lt;/li&gt;&lt;li&gt;Press &lt;b&gt;Trace&lt;/b&gt; (Ctrl+T): the heat maps below show where the model recalls the fact. Click a bright cell of the MLP map to edit at its layer.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Click a bar&lt;/b&gt; to make that token the new answer (or type one in the Edit panel), then &lt;b&gt;Apply Edit&lt;/b&gt; (Ctrl+Return).&lt;/li&gt;&lt;li&gt;Read the &lt;b&gt;Scorecard&lt;/b&gt; at the bottom: before vs after. Ctrl+Z takes the edit back.&lt;/li&gt;&lt;/ol&gt;</source>
        <translation>&lt;p style=&apos;font-size:large&apos;&gt;&lt;b&gt;從這裡開始&lt;/b&gt;&lt;/p&gt;&lt;ol style=&apos;margin-left:-20px&apos;&gt;&lt;li&gt;在上方的方框中&lt;b&gt;輸入一個陳述事實的提示&lt;/b&gt;，例如 &lt;i&gt;%1&lt;/i&gt;（&lt;a href=&apos;example&apos;&gt;使用此範例&lt;/a&gt;）。長條顯示模型的下一個詞元。&lt;/li&gt;&lt;li&gt;按&lt;b&gt;追蹤&lt;/b&gt;（Ctrl+T）：下方的熱圖顯示模型在哪裡回想起該事實。點選 MLP 熱圖中明亮的格子，即可在該層進行編輯。&lt;/li&gt;&lt;li&gt;&lt;b&gt;點選一根長條&lt;/b&gt;，將該詞元設為新答案（或在編輯面板中輸入），然後按&lt;b&gt;套用編輯&lt;/b&gt;（Ctrl+Return）。&lt;/li&gt;&lt;li&gt;閱讀底部的&lt;b&gt;記分卡&lt;/b&gt;：編輯前與編輯後。Ctrl+Z 可撤回編輯。&lt;/li&gt;&lt;/ol&gt;</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>“%1” is part of a character, not a whole one: it cannot be a target on its own.</source>
        <translation>「%1」只是某個字元的一部分，不是完整的字元：不能單獨作為目標。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+43"/>
        <source>Open a model to see what it predicts.</source>
        <translation>開啟模型以查看其預測。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Type a prompt to see the model&apos;s next token.</source>
        <translation>輸入提示以查看模型的下一個詞元。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>edited</source>
        <translation>編輯後</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base model</source>
        <translation>基礎模型</translation>
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
            <numerusform>%n 個提示詞元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> · with %n edit(s) applied</source>
        <translation>
            <numerusform> · 已套用 %n 個編輯</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::ScorecardPanel</name>
    <message>
        <location filename="../app/gui/scorecard_panel.cpp" line="+46"/>
        <source>Scorecard: before vs after the edit</source>
        <translation>記分卡：編輯前與編輯後</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability: the edited prompt now gives the new target. Generality: paraphrases do too. Locality: prompts about other subjects keep their answers (the edit did not bleed onto neighbours). Fluency: generated text stays varied. Click a metric to see the prompts behind it.</source>
        <translation>可靠性：被編輯的提示現在給出新目標。泛化性：改寫的說法也是如此。局部性：關於其他主詞的提示保持原答案（編輯沒有波及鄰近事實）。流暢度：產生的文字保持多樣。點選指標即可查看其背後的提示。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Score again</source>
        <translation>重新評分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recompute the scorecard of the last edit with the prompts below</source>
        <translation>以下方的提示重新計算最後一個編輯的記分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+79"/>
        <source>Click a metric to list the prompts behind its bars.</source>
        <translation>點選指標即可列出其長條背後的提示。</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>編輯前</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>編輯後</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Paraphrases of the edited fact, one per line, e.g.
The Space Needle can be found in the city of</source>
        <translation>被編輯事實的改寫說法，每行一個，例如
The Space Needle can be found in the city of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generality: other ways to ask for the edited fact. A good edit changes their answer too, not just the exact prompt it was made with.</source>
        <translation>泛化性：詢問被編輯事實的其他方式。好的編輯也會改變它們的答案，而不只是建立編輯時所用的那個提示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Neighbourhood: prompt =&gt; answer, one per line, e.g.
The Eiffel Tower is located in the city of =&gt; Paris</source>
        <translation>鄰近事實：提示 =&gt; 答案，每行一個，例如
The Eiffel Tower is located in the city of =&gt; Paris</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locality: facts about other, similar subjects. Their answers should not move: an edit that drags them along is too broad.</source>
        <translation>局部性：關於其他相似主詞的事實。它們的答案不應改變：連帶改變它們的編輯範圍太廣。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paraphrases (generality):</source>
        <translation>改寫說法（泛化性）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Neighbours (locality), prompt =&gt; answer:</source>
        <translation>鄰近事實（局部性），提示 =&gt; 答案：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Prompts behind a metric</source>
        <translation>指標背後的提示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation prompts</source>
        <translation>評估提示</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Apply an edit to judge it: the scorecard compares the model before and after.</source>
        <translation>套用一個編輯以評判它：記分卡會比較模型編輯前後的表現。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scoring %1…</source>
        <translation>正在為 %1 評分…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No scorecard: %1</source>
        <translation>無記分卡：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n metric(s). Hover a panel for what it measures; click it for its prompts.</source>
        <translation>
            <numerusform>%n 個指標。將滑鼠停在面板上可查看其衡量內容；點選可查看其提示。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Prompts behind %1 (%n prompt(s))</source>
        <translation>
            <numerusform>%1 背後的提示（%n 個提示）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::SequentialDialog</name>
    <message>
        <location filename="../app/gui/sequential_dialog.cpp" line="+42"/>
        <source>Sequential edits: the forgetting curve</source>
        <translation>連續編輯：遺忘曲線</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit requests in order: CounterFact, zsRE, EasyEdit or a Lancet facts file. The demo model&apos;s own facts.json edits each of its facts to another answer.</source>
        <translation>依序排列的編輯請求：CounterFact、zsRE、EasyEdit 或 Lancet 事實檔。示範模型自帶的 facts.json 會將其每個事實編輯成另一個答案。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a dataset file</source>
        <translation>選擇資料集檔案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dataset</source>
        <translation>資料集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Datasets (*.json *.jsonl);;All files (*)</source>
        <translation>資料集（*.json *.jsonl）;;所有檔案（*）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>MEMIT and AlphaEdit edit a batch of requests in one computation; the others one at a time.</source>
        <translation>MEMIT 與 AlphaEdit 在一次計算中編輯一批請求；其他方法一次編輯一個。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many requests from the start of the dataset to edit in, one after another.</source>
        <translation>要從資料集開頭依序編輯進模型的請求數量。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requests per edit (MEMIT, AlphaEdit). Methods that edit one request at a time use 1.</source>
        <translation>每次編輯的請求數（MEMIT、AlphaEdit）。一次編輯一個請求的方法使用 1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edited requests between two points of the curve. Each point re-scores a fixed sample of the earlier edits, locality, perplexity, fact recall and the weight norms.</source>
        <translation>曲線上兩個點之間編輯的請求數。每個點都會重新評分先前編輯的固定樣本、局部性、困惑度、事實回想與權重範數。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Generation-based protocol</source>
        <translation>基於生成的評估方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also judge earlier edits by what the model SAYS (greedy generation, first sentence begins with the new target), beside teacher-forced token accuracy. Teacher forcing flatters: a 2025 study measured 38 % by generation where it claimed 97 %.</source>
        <translation>除了教師強制的詞元準確率之外，也依模型實際「說出」的內容評判先前的編輯（貪婪生成，第一句以新目標開頭）。教師強制會美化結果：一項 2025 年的研究在聲稱 97 % 的情況下，以生成方式只測得 38 %。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Dataset:</source>
        <translation>資料集(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requests:</source>
        <translation>請求數：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per edit:</source>
        <translation>每次編輯：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point every:</source>
        <translation>取點間隔：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run</source>
        <translation>執行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the requests in, one batch after another, drawing the curve as it goes. The weights are restored at the end; running another method overlays its curve.</source>
        <translation>一批接一批地編輯請求，同時繪製曲線。結束時會還原權重；執行其他方法時會疊加其曲線。</translation>
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
        <translation>移除所有曲線</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Chart…</source>
        <translation>匯出圖表(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart as PNG or SVG (for slides)</source>
        <translation>將圖表儲存為 PNG 或 SVG（用於投影片）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;Data…</source>
        <translation>匯出資料(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save every curve as CSV (one row per run and point) or JSON (with the protocols)</source>
        <translation>將所有曲線儲存為 CSV（每次執行的每個點一列）或 JSON（包含評估方式）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retention of earlier edits</source>
        <translation>先前編輯的保留率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Locality (vs the original model)</source>
        <translation>局部性（相對於原始模型）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fact recall</source>
        <translation>事實回想</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weight growth ‖W‖/‖W₀‖</source>
        <translation>權重增長 ‖W‖/‖W₀‖</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the chart shows for every run</source>
        <translation>圖表為每次執行所顯示的內容</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show:</source>
        <translation>顯示：</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+159"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>requests edited so far</source>
        <translation>目前已編輯的請求數</translation>
    </message>
    <message>
        <location line="-179"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export chart</source>
        <translation>匯出圖表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 圖片（*.png）;;SVG 繪圖（*.svg）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Could not write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Export data</source>
        <translation>匯出資料</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV 表格（*.csv）;;JSON（*.json）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 requests edited (%2 s editing); the latest batch right after its edit: %3 %</source>
        <translation>已編輯 %1 個請求（編輯耗時 %2 秒）；最新一批剛編輯後：%3 %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose a dataset and a method, and press Run.</source>
        <translation>請選擇資料集與方法，然後按「執行」。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 (%2 per edit)</source>
        <translation>%1（每次編輯 %2 個）</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Editing %n request(s) in, one batch after another… (Esc cancels)</source>
        <translation>
            <numerusform>正在一批接一批地編輯 %n 個請求…（按 Esc 取消）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: %2 of %3 requests edited in %4 s (curve scoring %5 s); the weights are restored.</source>
        <translation>%1：%3 個請求中已編輯 %2 個，耗時 %4 秒（曲線評分 %5 秒）；權重已還原。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Collapse warning: a weight matrix grew to %1× its norm.</source>
        <translation>崩潰警告：某個權重矩陣增長到其範數的 %1 倍。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n request(s) failed.</source>
        <translation>
            <numerusform>%n 個請求失敗。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled; the curve so far is kept and the weights are restored.</source>
        <translation>已取消；保留目前的曲線，權重已還原。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Earlier edits kept (solid: teacher-forced token accuracy; dashed: generation-based)</source>
        <translation>先前編輯的保留率（實線：教師強制詞元準確率；虛線：基於生成）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retained (%)</source>
        <translation>保留率（%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unrelated prompts answered as the original model did (EasyEdit locality)</source>
        <translation>無關提示的答案與原始模型相同的比例（EasyEdit 局部性）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locality (%)</source>
        <translation>局部性（%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model&apos;s own facts it still completes (general ability)</source>
        <translation>模型仍能補全的自身事實（一般能力）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fact recall (%)</source>
        <translation>事實回想（%）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Perplexity of general text (lower is better)</source>
        <translation>一般文字的困惑度（越低越好）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Largest ‖W‖/‖W₀‖ over the edited matrices (growth precedes collapse)</source>
        <translation>被編輯矩陣中最大的 ‖W‖/‖W₀‖（增長發生在崩潰之前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖W‖/‖W₀‖</source>
        <translation>‖W‖/‖W₀‖</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>teacher-forced</source>
        <translation>教師強制</translation>
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
        <translation>Lancet 設定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic (CUDA if available)</source>
        <translation>自動（可用時使用 CUDA）</translation>
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
        <translation>模型權重存放與運算執行的位置。將在下次開啟模型時生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (the checkpoint&apos;s own)</source>
        <translation>自動（使用檢查點本身的格式）</translation>
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
        <translation>權重的數值格式。半精度可使記憶體減半；在 CPU 上 float32 通常最快。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none: the whole model on the device above</source>
        <translation>無：整個模型放在上方的裝置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For models larger than one GPU: the devices that share the model&apos;s layers, in pipeline order, e.g. &quot;cuda:0,cuda:1&quot;. The embeddings and the first layers go to the first device, the last layers and the unembedding to the last; the activations move between them at the boundaries. Takes effect the next time a model is opened.</source>
        <translation>適用於大於一張 GPU 的模型：依管線順序分擔模型各層的裝置，例如「cuda:0,cuda:1」。嵌入與前面的層放在第一個裝置，最後的層與反嵌入放在最後一個；激活值在邊界處於裝置之間搬移。下次開啟模型時生效。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balanced (equal layers per device)</source>
        <translation>平均（每個裝置層數相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (by each device&apos;s free memory)</source>
        <translation>自動（依各裝置的可用記憶體）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How the layers are split among the devices: balanced, automatic, or your own list of layer ranges, e.g. &quot;0-15:cuda:0,16-31:cuda:1&quot; (which needs no device list). Used only with a device list or a layer list.</source>
        <translation>各層如何分配到裝置：平均、自動，或自訂的層範圍清單，例如「0-15:cuda:0,16-31:cuda:1」（此時不需要裝置清單）。只在有裝置清單或層清單時使用。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>automatic (%1 cores)</source>
        <translation>自動（%1 個核心）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU threads for the engine&apos;s tensor work. Takes effect at the next start.</source>
        <translation>引擎進行張量運算所用的 CPU 執行緒數。將在下次啟動時生效。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>shipped WordNet glosses</source>
        <translation>隨附的 WordNet 釋義</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder of plain-text documents (separated by blank lines) from which ROME estimates the statistics of each layer&apos;s keys (the second moment C = E[kkᵀ]). The shipped corpus is enough for a demo; a larger, Wikipedia-like one matches the paper.</source>
        <translation>純文字文件的資料夾（以空行分隔），ROME 從中估計每一層鍵的統計量（二階動差 C = E[kkᵀ]）。隨附的語料足以用於示範；較大、類似 Wikipedia 的語料才與論文一致。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>~/.cache/lancet</source>
        <translation>~/.cache/lancet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where those statistics are cached. Computing them takes minutes on a large model; they are reused for every later edit of the same model.</source>
        <translation>這些統計量的快取位置。在大型模型上計算需要數分鐘；之後對同一模型的每次編輯都會重複使用。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow the desktop</source>
        <translation>跟隨桌面設定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The window&apos;s colours. The plots follow them on screen; a plot exported to a file is always the light version, for papers and slides.</source>
        <translation>視窗的配色。圖表在螢幕上跟著配色；匯出成檔案的圖表一律是淺色版本，方便放進論文和投影片。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As in the paper (purple, green, red)</source>
        <translation>與論文相同（紫、綠、紅）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour-blind safe (viridis, cividis, magma)</source>
        <translation>色盲友善（viridis、cividis、magma）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The causal-trace maps&apos; colours. The paper&apos;s green and red maps look alike with a red-green colour deficiency; the safe maps darken steadily from light (no effect) to dark (the fact is stored here), in colour, greyscale or on a projector.</source>
        <translation>因果追蹤熱圖的顏色。論文的綠色與紅色熱圖在紅綠色覺異常者眼中看起來相似；友善配色由淺（沒有效果）到深（事實存於此處）穩定加深，無論彩色、灰階或投影都清楚。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The language changes when Lancet is started again.</source>
        <translation>重新啟動 Lancet 後才會變更語言。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Device:</source>
        <translation>裝置(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;type:</source>
        <translation>Dtype(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>La&amp;yers across:</source>
        <translation>分層到(&amp;Y)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Placement:</source>
        <translation>配置方式(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Threads:</source>
        <translation>執行緒(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editing statistics</source>
        <translation>編輯統計量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Corpus:</source>
        <translation>語料(&amp;C)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ache:</source>
        <translation>快取(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>外觀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour &amp;scheme:</source>
        <translation>色彩配置(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Heat maps:</source>
        <translation>熱圖(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>語言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a folder</source>
        <translation>選擇資料夾</translation>
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
        <translation>每個任務的格點數，在權重範圍 [-1, 2] 中平均分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweep</source>
        <translation>掃描</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open task vectors in the Merge tab, then sweep two of them.</source>
        <translation>請在「合併」分頁中開啟任務向量，然後掃描其中兩個。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rows:</source>
        <translation>列：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns:</source>
        <translation>欄：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Metric:</source>
        <translation>指標：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grid:</source>
        <translation>網格：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>accuracy on %1</source>
        <translation>%1 上的準確率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>base facts kept</source>
        <translation>保留的基礎事實</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fluency (bits)</source>
        <translation>流暢度（位元）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose two different tasks.</source>
        <translation>請選擇兩個不同的任務。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sweeping %1 cells...</source>
        <translation>正在掃描 %1 個格子...</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Cancelled: %1 of %2 cells computed.</source>
        <translation>已取消：已計算 %2 個格子中的 %1 個。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cells in %2 s. Click a cell to set the sliders there.</source>
        <translation>%2 秒內完成 %1 個格子。點選格子即可將滑桿設定到該處。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sweep failed: %1</source>
        <translation>掃描失敗：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::TracePanel</name>
    <message>
        <location filename="../app/gui/trace_panel.cpp" line="+77"/>
        <source>guessed from the prompt</source>
        <translation>由提示推測</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The words whose embeddings get corrupted. Leave empty to use the first capitalised phrase of the prompt, as the ROME reference code does.</source>
        <translation>其嵌入會被破壞的字詞。留空則使用提示中第一個大寫開頭的片語，與 ROME 參考程式碼的做法相同。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>model&apos;s top-1</source>
        <translation>模型的第一名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The answer whose probability is measured. Empty: the token the clean model finds most likely.</source>
        <translation>要測量其機率的答案。留空：乾淨模型認為最可能的詞元。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Noise samples averaged per cell. The paper uses 10; more samples give smoother maps and take proportionally longer.</source>
        <translation>每個格子平均的雜訊樣本數。論文使用 10；樣本越多，熱圖越平滑，耗時也等比例增加。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> σ</source>
        <translation> σ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation of the Gaussian noise added to the subject&apos;s embeddings, in units of σ, the spread of real token embeddings. 3σ is the paper&apos;s choice: large enough to wipe out what the model knows about the subject (the answer&apos;s probability collapses), yet of the same scale as real embeddings, so the model still sees a plausible input rather than garbage.</source>
        <translation>加在主詞嵌入上的高斯雜訊標準差，以 σ（真實詞元嵌入的分布範圍）為單位。3σ 是論文的選擇：大到足以抹除模型對該主詞的知識（答案的機率崩落），但又與真實嵌入同一量級，因此模型看到的仍是合理的輸入，而非雜亂資料。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>auto</source>
        <translation>自動</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the MLP and attention maps, each cell restores a window of this many consecutive layers centred on its column, not a single layer: one layer&apos;s MLP alone rarely carries enough of the signal to show. Auto keeps the paper&apos;s share of the depth (10 of GPT-2 XL&apos;s 48 layers), at least 3 and at most 10: 3 on the 8-layer demo model. A window as deep as the model restores every layer in every column, and the map goes flat.</source>
        <translation>在 MLP 與注意力熱圖中，每個格子還原的是以其欄為中心、連續若干層的視窗，而非單一層：單獨一層的 MLP 很少帶有足以顯現的訊號。「自動」沿用論文所占深度的比例（GPT-2 XL 的 48 層中取 10 層），至少 3、至多 10：在 8 層的示範模型上為 3。與模型同樣深的視窗會在每一欄還原所有層，熱圖就會變得平坦。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seed of the noise draws: the same seed gives the same map.</source>
        <translation>雜訊抽樣的種子：相同的種子產生相同的熱圖。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>S&amp;ubject:</source>
        <translation>主詞(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tar&amp;get:</source>
        <translation>目標(&amp;G)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Samples:</source>
        <translation>樣本數：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Noise:</source>
        <translation>雜訊：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window:</source>
        <translation>視窗：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed:</source>
        <translation>種子：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Trace (Ctrl+T) corrupts the subject with noise, then restores one internal state at a time: the cells that bring the answer back show where the model recalls the fact.</source>
        <translation>「追蹤」（Ctrl+T）以雜訊破壞主詞，然後一次還原一個內部狀態：能讓答案恢復的格子，顯示模型在哪裡回想起該事實。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restoring the whole hidden state at one token and layer. Early-layer peaks at the last subject token and late peaks at the last token are the typical pattern.</source>
        <translation>在某個詞元與層還原整個隱藏狀態。典型的模式是：早期層的峰值位於主詞最後一個詞元，晚期峰值位於最後一個詞元。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring MLP outputs (a window of layers). A peak at the last subject token in the middle layers is where ROME edits: click a cell to use its layer.</source>
        <translation>還原 MLP 輸出（一個層視窗）。位於中間層、主詞最後一個詞元處的峰值就是 ROME 進行編輯的位置：點選格子即可使用該層。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restoring attention outputs (a window of layers). Attention matters late, at the last token, where it moves the recalled fact to the prediction.</source>
        <translation>還原注意力輸出（一個層視窗）。注意力在晚期、最後一個詞元處才發揮作用，在那裡它把回想起的事實搬到預測上。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Restoring hidden states</source>
        <translation>還原隱藏狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restoring MLP outputs (window %1)</source>
        <translation>還原 MLP 輸出（視窗 %1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restoring attention (window %1)</source>
        <translation>還原注意力（視窗 %1）</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Tracing “%1”… the maps fill in as cells are computed (Esc cancels).</source>
        <translation>正在追蹤「%1」…熱圖會隨格子計算完成逐步填滿（按 Esc 取消）。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Answer %1: p = %2 on the clean prompt, %3 with “%4” corrupted</source>
        <translation>答案 %1：乾淨提示下 p = %2，破壞「%4」後為 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (subject guessed)</source>
        <translation> （主詞為推測）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · note: the target is not the model&apos;s top-1 prediction</source>
        <translation> · 注意：目標不是模型的第一名預測</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>computing cells…</source>
        <translation>正在計算格子…</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>cancelled after %n cell(s): grey cells were not computed</source>
        <translation>
            <numerusform>計算 %n 個格子後已取消：灰色格子未計算</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cells in %2 s</source>
        <translation>%2 秒內完成 %1 個格子</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Trace cancelled%1.</source>
        <translation>追蹤已取消%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>: the grey cells were not computed</source>
        <translation>：灰色格子未計算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trace failed: %1</source>
        <translation>追蹤失敗：%1</translation>
    </message>
</context>
<context>
    <name>lancet::gui::TttDialog</name>
    <message>
        <location filename="../app/gui/ttt_dialog.cpp" line="+59"/>
        <source>Test-time training: adapting while answering</source>
        <translation>測試時訓練：一邊回答一邊調適</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+43"/>
        <source>Stream</source>
        <translation>輸入流</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>&amp;Demo shift</source>
        <translation>示範分布偏移(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The model&apos;s own facts (facts.json), asked in four phases of fresh facts: held-out phrasings, a register its corpus never used, typos, the subject in Cyrillic. Labels (the true answers) are only scored, never shown to the adaptation.</source>
        <translation>模型自身的事實（facts.json），分四個階段以新的事實提問：保留的說法、語料從未用過的語體、錯字、以西里爾字母書寫的主詞。標籤（真實答案）只用於評分，從不提供給調適過程。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> per phase</source>
        <translation> 每階段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inputs in each of the four phases</source>
        <translation>四個階段中每個階段的輸入數</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> cycles</source>
        <translation> 輪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The four phases this many times, each on fresh facts: a long horizon is where continual adaptation collapses</source>
        <translation>四個階段重複的次數，每次使用新的事實：持續調適正是在長時間範圍中崩潰</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text &amp;file</source>
        <translation>文字檔(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One input per line (INPUT&lt;Tab&gt;LABEL adds a label for scoring), read as it goes</source>
        <translation>每行一個輸入（INPUT&lt;Tab&gt;LABEL 可加上評分用的標籤），邊讀邊處理</translation>
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
        <translation>選擇文字檔</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paragraphs</source>
        <translation>段落</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank-line separated inputs instead of one per line</source>
        <translation>以空行分隔輸入，而非每行一個</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Text (*.txt *.tsv);;All files (*)</source>
        <translation>文字（*.txt *.tsv）;;所有檔案（*）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Methods (one line each)</source>
        <translation>方法（每種一條線）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No adaptation: the frozen model, the baseline every method must beat</source>
        <translation>不調適：凍結的模型，每種方法都必須勝過的基準</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+314"/>
        <source>TENT, continual</source>
        <translation>TENT，持續</translation>
    </message>
    <message>
        <location line="-313"/>
        <source>TENT (Wang et al. 2021): after answering an input, one gradient step lowers the entropy of its next-token distribution, over the norms&apos; scale and shift (γ, β). Never reset: it accumulates, first sharpening right answers, then drifting into a confident constant prediction (entropy → 0) and forgetting</source>
        <translation>TENT（Wang et al. 2021）：回答一個輸入後，對正規化層的縮放與平移（γ、β）做一步梯度下降，降低其下一詞元分布的熵。從不重設：它會不斷累積，先讓正確答案更篤定，接著漂移成一個充滿自信的常數預測（熵 → 0）並開始遺忘</translation>
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
        <translation>SUTA 的做法：先在輸入上調適、回答，再將權重與最佳化器重設回基礎狀態。不會累積任何東西，因此不會崩潰（也不會跨輸入學到任何東西）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reset every</source>
        <translation>每隔幾個重設</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RDumb (Press et al. 2023): continual TENT with a hard reset to the base every N inputs, the baseline that beat elaborate continual methods on long streams</source>
        <translation>RDumb（Press et al. 2023）：持續 TENT，每 N 個輸入硬重設回基礎狀態；這個基準在長輸入流上勝過了精巧的持續學習方法</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>fast/slow</source>
        <translation>快／慢</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After Dynamic-SUTA (Lin et al. 2024): per input, fast weights start from slow ones, adapt and answer; every few inputs the slow weights move toward the fast ones&apos; mean; a jump of the slow model&apos;s entropy (a distribution shift) resets them to the base</source>
        <translation>仿 Dynamic-SUTA（Lin et al. 2024）：每個輸入的快權重從慢權重開始，調適後回答；每隔幾個輸入，慢權重朝快權重的平均移動；慢模型的熵一旦跳升（分布偏移），就重設回基礎狀態</translation>
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
        <translation>In-Place TTT（2026）：以上層的 MLP 降維投影作為快權重，每個輸入朝下一個詞元的嵌入做一次 Hebbian 更新。在輸入流上從不重設：搭配未經訓練的 conv，它會無限制地累積</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adaptation and probe</source>
        <translation>調適與探測</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Adam&apos;s learning rate for every TENT-based method. 1e-2 shows the collapse within 200 inputs on the demo model; 1e-3 (TENT&apos;s default) barely moves; 3e-2 collapses in the first phase. A rate that diverges stops the run and restores the weights.</source>
        <translation>所有基於 TENT 的方法所用的 Adam 學習率。1e-2 在示範模型上 200 個輸入內就顯示崩潰；1e-3（TENT 的預設值）幾乎不動；3e-2 在第一階段就崩潰。發散的學習率會停止執行並還原權重。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimiser steps per input</source>
        <translation>每個輸入的最佳化步數</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>never</source>
        <translation>從不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every N inputs (and before the first and after the last), the forgetting side is measured with the adapted weights: recall of the model&apos;s own facts and the perplexity of general text (about a second on the demo model)</source>
        <translation>每 N 個輸入（以及第一個之前與最後一個之後），以調適後的權重測量遺忘面：模型自身事實的回想率與一般文字的困惑度（在示範模型上約需一秒）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Accuracy and entropy are drawn as the mean of the last N inputs</source>
        <translation>準確率與熵以最後 N 個輸入的平均值繪製</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lr</source>
        <translation>學習率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps</source>
        <translation>步數</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>probe every</source>
        <translation>探測間隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Run</source>
        <translation>執行(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each checked method over the same stream, one after another, drawn as it goes. The model&apos;s weights are restored after every method.</source>
        <translation>每種勾選的方法依序在同一個輸入流上執行，邊執行邊繪製。每種方法結束後都會還原模型權重。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after the current input (Esc); what was measured is kept, the weights are the base again</source>
        <translation>處理完目前的輸入後停止（Esc）；保留已測得的結果，權重回到基礎狀態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>匯出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save every run: JSON (settings, records, probe points, status) or CSV (one row per method and input), as lancet-cli ttt writes them</source>
        <translation>儲存每次執行：JSON（設定、紀錄、探測點、狀態）或 CSV（每種方法的每個輸入一列），格式與 lancet-cli ttt 相同</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Long document…</source>
        <translation>長文件(&amp;L)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In-Place TTT&apos;s demonstration: facts in a document longer than the context, questions after it; no adaptation, the rule, its trained add-on and a fine-tune side by side</source>
        <translation>In-Place TTT 的示範：事實在比上下文還長的文件裡，問題在文件之後；不調適、規則、訓練好的附加元件與微調並排比較</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>acc</source>
        <translation>準確率</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>recall</source>
        <translation>回想率</translation>
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
        <translation>狀態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy over every labelled input of the stream</source>
        <translation>輸入流中所有有標籤輸入的準確率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base-fact recall at the first probe → at the last</source>
        <translation>基礎事實回想率：第一次探測 → 最後一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General-text perplexity at the first probe → at the last</source>
        <translation>一般文字困惑度：第一次探測 → 最後一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖θ − θ₀‖ of the adapted parameters after the last input</source>
        <translation>最後一個輸入後，調適參數的 ‖θ − θ₀‖</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Export test-time training runs</source>
        <translation>匯出測試時訓練的執行結果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (*.json);;CSV table (*.csv)</source>
        <translation>JSON（*.json）;;CSV 表格（*.csv）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not write %1</source>
        <translation>無法寫入 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Running %1 (%2 of %3) on %4… Esc cancels.</source>
        <translation>正在 %4 上執行 %1（第 %2 個，共 %3 個）…按 Esc 取消。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The defaults reproduce the lecture&apos;s picture (lancet-cli ttt MODEL --shift demo --per-phase 25 --cycles 2 --lr 1e-2 --method none,tent,episodic,reset:25,fastslow --every 50): continual TENT first beats the frozen model, then collapses below it; episodic and fast/slow do not. Press Run.</source>
        <translation>預設值重現了課程中的圖（lancet-cli ttt MODEL --shift demo --per-phase 25 --cycles 2 --lr 1e-2 --method none,tent,episodic,reset:25,fastslow --every 50）：持續 TENT 先勝過凍結模型，之後崩潰到其之下；逐段與快／慢方法則不會。請按「執行」。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This model&apos;s folder has no facts.json: choose a text file</source>
        <translation>此模型的資料夾沒有 facts.json：請選擇文字檔</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>none (frozen)</source>
        <translation>無（凍結）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>reset every %1 (RDumb)</source>
        <translation>每 %1 個重設（RDumb）</translation>
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
            <numerusform>開始：在同一個輸入流上執行 %n 種方法…（按 Esc 取消）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>Done: %n method(s) in %1 s on %2.</source>
        <translation>
            <numerusform>完成：在 %2 上以 %1 秒執行 %n 種方法。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The weights are the base again (checked bit for bit).</source>
        <translation>權重已回到基礎狀態（逐位元檢查）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning: a run did not restore the adapted weights.</source>
        <translation>警告：有一次執行未還原調適後的權重。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Diverged (stopped, restored): %1.</source>
        <translation>發散（已停止並還原）：%1。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled: what was measured is kept; the weights are the base again.</source>
        <translation>已取消：保留已測得的結果；權重已回到基礎狀態。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed: %1</source>
        <translation>失敗：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>probe: %1 facts, %2 tokens, every %3 inputs</source>
        <translation>探測：%1 個事實、%2 個詞元，每 %3 個輸入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no probe (probe every: never)</source>
        <translation>不探測（探測間隔：從不）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accuracy, mean of the last %1 inputs
ttt-stream: label tokens all argmax</source>
        <translation>準確率，最後 %1 個輸入的平均
ttt-stream：標籤詞元全部為 argmax</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>inputs</source>
        <translation>輸入</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>accuracy (%)</source>
        <translation>準確率（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next-token entropy, last %1 inputs
ttt-stream: → 0 is collapse</source>
        <translation>下一詞元的熵，最後 %1 個輸入
ttt-stream：→ 0 即為崩潰</translation>
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
        <translation>調適參數的 ‖θ − θ₀‖
於每個輸入之後（0：已重設）</translation>
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
        <translation>基礎事實回想率（遺忘）
%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recall (%)</source>
        <translation>回想率（%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General-text perplexity (log scale)
%1</source>
        <translation>一般文字困惑度（對數刻度）
%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Protocols: accuracy and entropy per input (ttt-stream; TENT, reset and none score before adapting on the input, episodic and fast/slow after; labels are never adapted on). Recall and perplexity: the general-ability probe with the adapted weights bound. Dashed lines: the stream&apos;s phases.</source>
        <translation>評估方式：每個輸入的準確率與熵（ttt-stream；TENT、重設與不調適在輸入上調適前評分，逐段與快／慢在調適後評分；從不在標籤上調適）。回想率與困惑度：以調適後權重進行的一般能力探測。虛線：輸入流的各階段。</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>%1 — %2: %3, lr %4, %5 step(s), params %6</source>
        <translation>%1 — %2：%3，學習率 %4，%5 步，參數 %6</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>order per method</source>
        <translation>每種方法的順序</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n input(s) so far</source>
        <translation>
            <numerusform>目前已有 %n 個輸入</numerusform>
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
        <translation>執行中</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::LayerDeltaPlot</name>
    <message>
        <location filename="../widgets/layer_delta_plot.cpp" line="+49"/>
        <source>How much each layer&apos;s weights changed</source>
        <translation>每一層的權重變化量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>layer</source>
        <translation>層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>‖ΔW‖ / ‖W‖</source>
        <translation>‖ΔW‖ / ‖W‖</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>layer %1</source>
        <translation>第 %1 層</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>‖ΔW‖/‖W‖ is the size of the change relative to the weights.
ROME changes one matrix in one layer; MEMIT a few layers; a merge all of them.</source>
        <translation>‖ΔW‖/‖W‖ 是變化量相對於權重的大小。
ROME 只改變一層中的一個矩陣；MEMIT 改變少數幾層；合併則改變所有層。</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>No weight change to show yet: apply an edit or a merge.</source>
        <translation>尚無權重變化可顯示：請套用編輯或合併。</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::LensGrid</name>
    <message>
        <location filename="../widgets/lens_grid.cpp" line="+77"/>
        <source>Layer %1, after “%2” (position %3): the next token the model would predict if it stopped here, read through its own final norm and unembedding.</source>
        <translation>第 %1 層，「%2」之後（位置 %3）：模型若在此停下會預測的下一個詞元，透過其最終正規化與反嵌入讀取。</translation>
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
        <translation>最後一層就是模型自己的輸出。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>layer %1</source>
        <translation>第 %1 層</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::ScorecardView</name>
    <message>
        <location filename="../widgets/scorecard_view.cpp" line="+108"/>
        <source>Edit scorecard: before vs after</source>
        <translation>編輯記分卡：編輯前與編輯後</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No scores yet: apply an edit and run the evaluation.</source>
        <translation>尚無分數：請套用編輯並執行評估。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before</source>
        <translation>編輯前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>after</source>
        <translation>編輯後</translation>
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
            <numerusform>點選以查看此數字背後的 %n 個提示。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+257"/>
        <source>change —</source>
        <translation>變化 —</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>change %1</source>
        <translation>變化 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(protocol not given)</source>
        <translation>（未提供評估方式）</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::SweepHeatmap</name>
    <message>
        <location filename="../widgets/sweep_heatmap.cpp" line="+156"/>
        <location line="+4"/>
        <source>weight of %1</source>
        <translation>%1 的權重</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sweep</source>
        <translation>掃描</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — partial (cancelled)</source>
        <translation> — 部分結果（已取消）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 = %2, %3 = %4: %5 %6</source>
        <translation>%1 = %2，%3 = %4：%5 %6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>not computed</source>
        <translation>未計算</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::TopKBarChart</name>
    <message>
        <location filename="../widgets/topk_bar_chart.cpp" line="+41"/>
        <source>The model&apos;s most likely next tokens with their probabilities. ␣ marks a space: “␣Paris” and “Paris” are different tokens.</source>
        <translation>模型最可能的下一詞元及其機率。␣ 表示空格：「␣Paris」與「Paris」是不同的詞元。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Next-token distribution</source>
        <translation>下一詞元分布</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>probability of being the next token</source>
        <translation>成為下一個詞元的機率</translation>
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
        <translation>編輯後</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before</source>
        <translation>編輯前</translation>
    </message>
</context>
<context>
    <name>lancet::widgets::TraceHeatmap</name>
    <message>
        <location filename="../widgets/trace_heatmap.cpp" line="+83"/>
        <source>effect = p − low: how much of the answer&apos;s probability that the corruption destroyed comes back when only this state is restored. Large effects mark where the model recalls the fact.</source>
        <translation>效果 = p − low：只還原此狀態時，被破壞所抹除的答案機率有多少恢復回來。效果大的位置就是模型回想起該事實的地方。</translation>
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
        <translation>將滑鼠停在格子上可讀取其機率；點選即可選取。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>token %1 “%2”%3 · layer %4</source>
        <translation>詞元 %1「%2」%3 · 第 %4 層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (subject)</source>
        <translation> （主詞）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> (restores %1 layers %2–%3)</source>
        <translation> （還原 %1 層：%2–%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not computed (run cancelled)</source>
        <translation>未計算（執行已取消）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not computed yet</source>
        <translation>尚未計算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p = %1</source>
        <translation>p = %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>effect over low = %1%2</source>
        <translation>相對於 low 的效果 = %1%2</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>single restored layer</source>
        <translation>還原單一層</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>single restored %1 layer</source>
        <translation>還原單一 %1 層</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>center of interval of %1 restored %2 layers</source>
        <translation>還原 %1 個 %2 層之區間的中心</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Impact of restoring state after corrupted input</source>
        <translation>破壞輸入後還原狀態的影響</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact of restoring %1 after corrupted input</source>
        <translation>破壞輸入後還原 %1 的影響</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partial (cancelled)</source>
        <translation>部分結果（已取消）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="+57"/>
        <source>Lancet: locate a fact with causal tracing, edit it with ROME, judge it.</source>
        <translation>Lancet：以因果追蹤定位事實，以 ROME 編輯事實，並評判結果。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model folder to open (default: the last one, else the bundled demo model).</source>
        <translation>要開啟的模型資料夾（預設：上次開啟的模型，否則為隨附的示範模型）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open a saved session.</source>
        <translation>開啟已儲存的工作階段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cpu, cuda or auto (this run only).</source>
        <translation>cpu、cuda 或 auto（僅限本次執行）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>auto, float32, float16 or bfloat16 (this run only).</source>
        <translation>auto、float32、float16 或 bfloat16（僅限本次執行）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Split the model&apos;s layers across these devices, e.g. cuda:0,cuda:1 (this run only; with --placement).</source>
        <translation>把模型的層分到這些裝置上，例如 cuda:0,cuda:1（僅限本次執行；搭配 --placement）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How the layers are split: auto (by free memory), balanced, or a layer list such as 0-15:cuda:0,16-31:cuda:1 (this run only).</source>
        <translation>各層的分配方式：auto（依可用記憶體）、balanced，或層清單，例如 0-15:cuda:0,16-31:cuda:1（僅限本次執行）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Do not reopen the last model; no crash recovery.</source>
        <translation>不重新開啟上次的模型；不進行當機復原。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scripted demo: trace the Space Needle fact, save PNGs of the window into DIR, quit (also $LANCET_SCREENSHOT_DIR).</source>
        <translation>腳本化示範：追蹤 Space Needle 事實，將視窗的 PNG 存入 DIR，然後結束（也可用 $LANCET_SCREENSHOT_DIR）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>desktop, light or dark (this run only).</source>
        <translation>桌面、淺色或深色（僅限本次執行）。</translation>
    </message>
</context>
</TS>
