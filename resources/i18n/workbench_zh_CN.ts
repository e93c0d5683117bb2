<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BoundaryPlot</name>
    <message>
        <source>P(class 1) over the plane</source>
        <translation>平面上的 P(类别 1)</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(类别 1)</translation>
    </message>
    <message>
        <source>class {n}</source>
        <translation>类别 {n}</translation>
    </message>
</context>
<context>
    <name>CheckpointFiles</name>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pt *.pth *.ckpt);;All files (*)</source>
        <translation>PyTorch 检查点 (*.pt *.pth *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Wait for the current job to finish before opening a checkpoint.</source>
        <translation>请等当前任务结束后再打开检查点。</translation>
    </message>
    <message>
        <source>evaluating {name}…</source>
        <translation>正在评估 {name}…</translation>
    </message>
    <message>
        <source>checkpoint evaluated</source>
        <translation>检查点已评估</translation>
    </message>
    <message>
        <source>Nothing to save yet: train a network or open a checkpoint.</source>
        <translation>还没有可保存的模型：请先训练网络或打开检查点。</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pt)</source>
        <translation>PyTorch 检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Could not save to {path}: {reason}</source>
        <translation>无法保存到 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
</context>
<context>
    <name>DigitGrid</name>
    <message>
        <source>Test digits and the network&apos;s guesses appear here during training.</source>
        <translation>训练时，这里显示测试数字和网络的猜测。</translation>
    </message>
    <message>
        <source>is {truth}</source>
        <translation>实为 {truth}</translation>
    </message>
    <message>
        <source>{guess}≠{truth}</source>
        <translation>{guess}≠{truth}</translation>
    </message>
    <message>
        <source>{guess} · {percent}%</source>
        <translation>{guess} · {percent}%</translation>
    </message>
</context>
<context>
    <name>DigitGridPanel</name>
    <message>
        <source>{right} of {total} shown digits right</source>
        <translation>所示 {total} 个数字中答对 {right} 个</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw with the left button, erase with the right. Ctrl+Z undoes a stroke, Esc clears.</source>
        <translation>左键书写，右键擦除。Ctrl+Z 撤销一笔，Esc 清空。</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Clear (Esc)</source>
        <translation>清空 (Esc)</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销 (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Look inside the cell with this drawing</source>
        <translation>用这个数字查看单元内部</translation>
    </message>
    <message>
        <source>Open a classifier…</source>
        <translation>打开分类器…</translation>
    </message>
    <message>
        <source>No classifier yet: train one (Start) or open a checkpoint, then draw a digit.</source>
        <translation>还没有分类器：请先训练（开始）或打开检查点，然后写一个数字。</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>笔刷</translation>
    </message>
    <message>
        <source>What it sees · its guess per row</source>
        <translation>网络看到的图像 · 每行后的猜测</translation>
    </message>
    <message>
        <source>pixels · · · digit class</source>
        <translation>像素 · · · 数字类别</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>The test digits this network gets wrong appear here: press “Show test digits the model gets wrong”.</source>
        <translation>这个网络识别错误的测试数字会显示在这里：请按“显示模型识别错误的测试数字”。</translation>
    </message>
    <message>
        <source>Show test digits the model gets wrong</source>
        <translation>显示模型识别错误的测试数字</translation>
    </message>
    <message>
        <source>Click one to load it into the pad.</source>
        <translation>点击其中一个，将其载入画板。</translation>
    </message>
    <message>
        <source>Try the test set</source>
        <translation>试试测试集</translation>
    </message>
    <message>
        <source>Ready: draw a digit.</source>
        <translation>就绪：写一个数字吧。</translation>
    </message>
    <message>
        <source>Open a classifier checkpoint</source>
        <translation>打开分类器检查点</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pt *.pth *.ckpt);;All files (*)</source>
        <translation>PyTorch 检查点 (*.pt *.pth *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading with {model}. Draw a digit!</source>
        <translation>正在使用 {model} 识别。写一个数字吧！</translation>
    </message>
    <message>
        <source>Cannot classify: {reason}</source>
        <translation>无法识别：{reason}</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>{percent}% sure</source>
        <translation>把握 {percent}%</translation>
    </message>
    <message>
        <source>Reading the test set…</source>
        <translation>正在读取测试集…</translation>
    </message>
    <message>
        <source>{wrong} of {total} test digits are misread; here are {shown}. Click one to load it into the pad.</source>
        <translation>{total} 个测试数字中有 {wrong} 个识别错误；这里显示 {shown} 个。点击其中一个，将其载入画板。</translation>
    </message>
</context>
<context>
    <name>ExperimentRow</name>
    <message>
        <source>Expected: {claim}</source>
        <translation>预期：{claim}</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Set the form, train each arm with the form&apos;s seed, and check the claim</source>
        <translation>设置表单，用表单中的种子依次训练每一组，并检验结论</translation>
    </message>
    <message>
        <source>Stopped before the end: nothing was checked.</source>
        <translation>在结束前已停止：没有进行检验。</translation>
    </message>
    <message>
        <source>{mark} observed: {observed} (seed {seed}, {seconds:.0f} s)</source>
        <translation>{mark} 观察：{observed}（种子 {seed}，{seconds:.0f} 秒）</translation>
    </message>
</context>
<context>
    <name>FilterGrid</name>
    <message>
        <source>First convolution layer: its 5×5 filters</source>
        <translation>第一层卷积：5×5 卷积核</translation>
    </message>
</context>
<context>
    <name>GateHeatmap</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>Look at the previous test input</source>
        <translation>查看上一个测试输入</translation>
    </message>
    <message>
        <source>Look at the next test input</source>
        <translation>查看下一个测试输入</translation>
    </message>
    <message>
        <source>Start training (or open a checkpoint) to look inside the cell.</source>
        <translation>开始训练（或打开检查点），即可查看单元内部。</translation>
    </message>
    <message>
        <source>unit number</source>
        <translation>单元编号</translation>
    </message>
    <message>
        <source>mean activation</source>
        <translation>平均激活</translation>
    </message>
    <message>
        <source>first saturation</source>
        <translation>首次饱和时刻</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门</translation>
    </message>
    <message>
        <source>Sort units by</source>
        <translation>单元排序</translation>
    </message>
    <message>
        <source>the digit turned on its side: row t is read at time step t</source>
        <translation>数字横放：第 t 行在第 t 个时间步读入</translation>
    </message>
    <message>
        <source>time step = image row</source>
        <translation>时间步 = 图像行</translation>
    </message>
    <message>
        <source>hidden unit</source>
        <translation>隐藏单元</translation>
    </message>
    <message>
        <source>the input, one value per time step</source>
        <translation>输入：每个时间步一个值</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>Window #{index} of the series</source>
        <translation>序列的第 {index} 个窗口</translation>
    </message>
    <message>
        <source>Test digit #{index}, a {label}: the network says {guess} ({percent}%)</source>
        <translation>测试数字 #{index}（真实为 {label}）：网络认为是 {guess}（{percent}%）</translation>
    </message>
    <message>
        <source>Your drawing: the network says {guess} ({percent}%)</source>
        <translation>你画的数字：网络认为是 {guess}（{percent}%）</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>第 {n} 层</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>time step {t}, unit {unit}: {gate} = {value:.3f}</source>
        <translation>时间步 {t}，单元 {unit}：{gate} = {value:.3f}</translation>
    </message>
</context>
<context>
    <name>GradientPanel</name>
    <message>
        <source>Compare RNN / LSTM / GRU on this lesson</source>
        <translation>在本课程上比较 RNN / LSTM / GRU</translation>
    </message>
    <message>
        <source>Trains the three cells one after another with the same data, seed and settings, and draws their gradients through time together.</source>
        <translation>用相同的数据、随机种子和设置依次训练三种单元，并把它们随时间传播的梯度画在一起。</translation>
    </message>
    <message>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <source>‖∂loss/∂h_t‖ (log scale)</source>
        <translation>‖∂loss/∂h_t‖（对数刻度）</translation>
    </message>
    <message>
        <source>Gradient at each time step (latest)</source>
        <translation>各步梯度（最新）</translation>
    </message>
    <message>
        <source>How much of the loss&apos;s gradient reaches each time step ({step}). In a plain RNN it shrinks step after step back in time; an LSTM&apos;s cell state carries it.</source>
        <translation>损失的梯度有多少能传到每个时间步（{step}）。普通 RNN 中，梯度沿时间向前一步步衰减；LSTM 的细胞状态能把它传下去。</translation>
    </message>
    <message>
        <source>…over training</source>
        <translation>……及其在训练中的变化</translation>
    </message>
    <message>
        <source>snapshot (newest at top)</source>
        <translation>快照（最新在上）</translation>
    </message>
    <message>
        <source>log10 ‖∂loss/∂h_t‖</source>
        <translation>log10 ‖∂loss/∂h_t‖</translation>
    </message>
    <message>
        <source>Global gradient norm per optimizer step</source>
        <translation>每个优化步的整体梯度范数</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>优化步数</translation>
    </message>
    <message>
        <source>‖gradient‖ before clipping</source>
        <translation>裁剪前的 ‖梯度‖</translation>
    </message>
    <message>
        <source>clipping threshold</source>
        <translation>裁剪阈值</translation>
    </message>
    <message>
        <source>layer {layer}</source>
        <translation>第 {layer} 层</translation>
    </message>
    <message>
        <source> forward</source>
        <translation> 正向</translation>
    </message>
    <message>
        <source> backward</source>
        <translation> 反向</translation>
    </message>
    <message>
        <source>snapshots of each cell (newest at top)</source>
        <translation>各单元的快照（最新在上）</translation>
    </message>
</context>
<context>
    <name>Headline</name>
    <message>
        <source>{metric} (best {best:.1f}%) after {step} steps</source>
        <translation>{metric}（最佳 {best:.1f}%），已训练 {step} 步</translation>
    </message>
    <message>
        <source>{metric} after {step} steps</source>
        <translation>{metric}（已训练 {step} 步）</translation>
    </message>
    <message>
        <source>Training {parameters:,} parameters on {data}</source>
        <translation>正在训练 {parameters:,} 个参数，数据：{data}</translation>
    </message>
    <message>
        <source>Comparing cells: training the {cell} ({index} of {count})</source>
        <translation>比较单元：正在训练 {cell}（第 {index}/{count} 个）</translation>
    </message>
    <message>
        <source>Compared, {metric}: {results}</source>
        <translation>比较结果（{metric}）：{results}</translation>
    </message>
    <message>
        <source>Stopped: {metric}</source>
        <translation>已停止：{metric}</translation>
    </message>
    <message>
        <source>Finished: {metric}</source>
        <translation>训练完成：{metric}</translation>
    </message>
    <message>
        <source>Opened checkpoint: {metric}</source>
        <translation>已打开检查点：{metric}</translation>
    </message>
    <message>
        <source>{path} evaluated on {data}: {metrics}.</source>
        <translation>{path} 在 {data} 上评估：{metrics}。</translation>
    </message>
    <message>
        <source>It was saved by an older version, without checksums, so damage to it cannot be detected; save it again to add them.</source>
        <translation>它由旧版本保存，没有校验和，因此无法检测损坏；重新保存一次即可加上校验和。</translation>
    </message>
    <message>
        <source>{title}: training {arm} ({index} of {count})</source>
        <translation>{title}：正在训练 {arm}（第 {index} 组，共 {count} 组）</translation>
    </message>
    <message>
        <source>{title}: stopped, nothing checked</source>
        <translation>{title}：已停止，未检验</translation>
    </message>
    <message>
        <source>The experiment was stopped before its last run.</source>
        <translation>实验在最后一次运行之前被停止。</translation>
    </message>
    <message>
        <source>{mark} Expected: {expected} · observed: {observed}. Runs saved in {folders}.</source>
        <translation>{mark} 预期：{expected} · 观察：{observed}。运行保存在 {folders}。</translation>
    </message>
</context>
<context>
    <name>LatentExplorer</name>
    <message>
        <source>Latent space: drag to turn it</source>
        <translation>隐空间：拖动可旋转</translation>
    </message>
    <message>
        <source>decoded from the sliders</source>
        <translation>由滑块解码</translation>
    </message>
    <message>
        <source>clicked digit</source>
        <translation>点击的数字</translation>
    </message>
    <message>
        <source>its reconstruction</source>
        <translation>它的重建</translation>
    </message>
    <message>
        <source>Train the autoencoder (or open one) to fill the latent space.</source>
        <translation>训练自编码器（或打开一个）即可填充隐空间。</translation>
    </message>
    <message>
        <source>Decoder explorer</source>
        <translation>解码器探索</translation>
    </message>
    <message>
        <source>Choose a code with the sliders, or click a point:</source>
        <translation>用滑块选择编码，或点击一个点：</translation>
    </message>
    <message>
        <source>{size} latent numbers: showing their first three principal components</source>
        <translation>{size} 个隐变量：显示前三个主成分</translation>
    </message>
    <message>
        <source>3 latent numbers: the codes themselves</source>
        <translation>3 个隐变量：直接显示编码</translation>
    </message>
    <message>
        <source>{size} latent number(s): a flat view, nothing to turn</source>
        <translation>{size} 个隐变量：平面视图，无法旋转</translation>
    </message>
    <message>
        <source>Decoding with {model}.</source>
        <translation>正在用 {model} 解码。</translation>
    </message>
    <message>
        <source>Cannot decode: {reason}</source>
        <translation>无法解码：{reason}</translation>
    </message>
</context>
<context>
    <name>LessonPanels</name>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>optimizer step</source>
        <translation>优化步数</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>RNN Workbench</source>
        <translation>RNN 工作台</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Build a network in the form, then press Start.</source>
        <translation>在左侧表单中搭建网络，然后点击“开始”。</translation>
    </message>
    <message>
        <source>PyTorch {version} ready · {threads} CPU thread(s) for training</source>
        <translation>PyTorch {version} 已就绪 · 训练使用 {threads} 个 CPU 线程</translation>
    </message>
    <message>
        <source>PyTorch failed to load</source>
        <translation>PyTorch 加载失败</translation>
    </message>
    <message>
        <source>PyTorch could not be imported, so nothing can train: {message}</source>
        <translation>无法导入 PyTorch，因此无法训练：{message}</translation>
    </message>
    <message>
        <source>There is no lesson called {name}.</source>
        <translation>没有名为 {name} 的课程。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Fix the form first: {problem}</source>
        <translation>请先修正表单：{problem}</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Wait for the current job to finish first.</source>
        <translation>请先等待当前任务结束。</translation>
    </message>
    <message>
        <source>resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>stopping after this batch…</source>
        <translation>本批结束后停止…</translation>
    </message>
    <message>
        <source>Same data, seed and recipe for each cell; their gradients through time are overlaid in the tab “{tab}”.</source>
        <translation>每种单元使用相同的数据、随机种子和训练方案；它们随时间传播的梯度叠加显示在“{tab}”页。</translation>
    </message>
    <message>
        <source>{seconds:.1f} s, {speed:,.0f} samples/s. Run saved in {run_dir} (Ctrl+S saves the checkpoint elsewhere).</source>
        <translation>用时 {seconds:.1f} 秒，{speed:,.0f} 样本/秒。运行记录保存在 {run_dir}（Ctrl+S 可将检查点另存）。</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Could not open the checkpoint: {reason}</source>
        <translation>无法打开检查点：{reason}</translation>
    </message>
    <message>
        <source>Nothing changed: the previous network is still here.</source>
        <translation>没有任何改动：之前的网络仍在。</translation>
    </message>
    <message>
        <source>Training failed: {reason}</source>
        <translation>训练失败：{reason}</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cannot continue {run}: {reason}</source>
        <translation>无法继续 {run}：{reason}</translation>
    </message>
    <message>
        <source>Continuing {run}…</source>
        <translation>正在继续 {run}…</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MetricPanel</name>
    <message>
        <source>optimizer step</source>
        <translation>优化步数</translation>
    </message>
</context>
<context>
    <name>ModelForm</name>
    <message>
        <source>RNN (plain)</source>
        <translation>RNN（普通）</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>read the rows both ways</source>
        <translation>正反两个方向读取各行</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>SGD + momentum 0.9</source>
        <translation>SGD + 动量 0.9</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>OneCycle (warm up, then anneal)</source>
        <translation>OneCycle（先预热，后退火）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>recurrent (reads rows)</source>
        <translation>循环网络（逐行读取）</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>CNN</source>
        <translation>CNN</translation>
    </message>
    <message>
        <source>SGD, SGD + momentum, RMSprop, Adam</source>
        <translation>SGD、SGD + 动量、RMSprop、Adam</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>yes, detached</source>
        <translation>是（截断梯度）</translation>
    </message>
    <message>
        <source>built-in noisy sine (1,000 points)</source>
        <translation>内置带噪正弦（1,000 个点）</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <source>Built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>embedded MNIST (4,000 train / 1,000 test)</source>
        <translation>内置 MNIST（4,000 训练 / 1,000 测试）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Embedded</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>download if missing</source>
        <translation>缺少时下载</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Bidirectional</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>Dropout between layers</source>
        <translation>层间 Dropout</translation>
    </message>
    <message>
        <source>Nonlinearity</source>
        <translation>非线性函数</translation>
    </message>
    <message>
        <source>Latent size</source>
        <translation>隐变量维数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Rates: SGD, Mom., RMSprop, Adam</source>
        <translation>学习率：SGD、动量、RMSprop、Adam</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Clip gradient norm</source>
        <translation>梯度范数裁剪</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Random shift (px)</source>
        <translation>随机平移（像素）</translation>
    </message>
    <message>
        <source>Input noise (denoising)</source>
        <translation>输入噪声（去噪）</translation>
    </message>
    <message>
        <source>Tests per epoch</source>
        <translation>每轮测试次数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Sequence</source>
        <translation>序列</translation>
    </message>
    <message>
        <source>Steps per window</source>
        <translation>每窗口步数</translation>
    </message>
    <message>
        <source>Carry the hidden state</source>
        <translation>传递隐藏状态</translation>
    </message>
    <message>
        <source>Generate (steps)</source>
        <translation>生成步数</translation>
    </message>
    <message>
        <source>Series (CSV)</source>
        <translation>序列 (CSV)</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Folder holding MNIST/raw</source>
        <translation>包含 MNIST/raw 的文件夹</translation>
    </message>
    <message>
        <source>A time series (CSV)</source>
        <translation>时间序列（CSV）</translation>
    </message>
    <message>
        <source>automatic: the last numeric column</source>
        <translation>自动：最后一个数值列</translation>
    </message>
    <message>
        <source>all value columns, row by row (a wide table)</source>
        <translation>所有数值列，逐行读取（宽表）</translation>
    </message>
    <message>
        <source>The built-in series has one column.</source>
        <translation>内置序列只有一列。</translation>
    </message>
    <message>
        <source>Using column {column!r}: {count:,} values</source>
        <translation>使用列 {column!r}：{count:,} 个值</translation>
    </message>
    <message>
        <source>, {filled:,} missing filled by linear interpolation</source>
        <translation>，其中 {filled:,} 个缺失值已用线性插值补齐</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message>
        <source>Guided experiments</source>
        <translation>引导实验</translation>
    </message>
    <message>
        <source>No notes for this lesson yet.</source>
        <translation>本课暂时没有笔记。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The seed beside you&lt;/b&gt; · note {note}: {recipe}</source>
        <translation>&lt;b&gt;对照原始笔记&lt;/b&gt; · 笔记 {note}：{recipe}</translation>
    </message>
    <message>
        <source>The note reports {metric} {value}.</source>
        <translation>笔记报告的{metric}为 {value}。</translation>
    </message>
    <message>
        <source>{points:+.2f} points</source>
        <translation>{points:+.2f} 个百分点</translation>
    </message>
    <message>
        <source>Your latest run: {value} ({difference} against the note).</source>
        <translation>你最近的一次运行：{value}（与笔记相比 {difference}）。</translation>
    </message>
    <message>
        <source>Train once to see your result beside it.</source>
        <translation>训练一次，就能在旁边看到你的结果。</translation>
    </message>
</context>
<context>
    <name>ReconstructionGrid</name>
    <message>
        <source>New samples</source>
        <translation>换一批样本</translation>
    </message>
    <message>
        <source>Top: what goes in. Below: what the decoder draws back.</source>
        <translation>上：输入。下：解码器画回来的图像。</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>数字个数</translation>
    </message>
    <message>
        <source>noisy input</source>
        <translation>带噪输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>干净图像</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>device: –</source>
        <translation>设备：–</translation>
    </message>
    <message>
        <source>– samples/s</source>
        <translation>– 样本/秒</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source> · {threads}/{ceiling} cores</source>
        <translation> · {threads}/{ceiling} 核</translation>
    </message>
    <message>
        <source>Other programs are using the CPU: training runs on {threads} of {ceiling} cores until they are free again.</source>
        <translation>其他程序正在占用 CPU：在它们空闲下来之前，训练只使用 {ceiling} 个核心中的 {threads} 个。</translation>
    </message>
    <message>
        <source>{speed:,.0f} samples/s</source>
        <translation>{speed:,.0f} 样本/秒</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs} · {percent}% · ETA {eta}</source>
        <translation>第 {epoch}/{epochs} 轮 · {percent}% · 剩余 {eta}</translation>
    </message>
</context>
<context>
    <name>RunsModel</name>
    <message>
        <source>metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>RunsView</name>
    <message>
        <source>Filter runs (any column: status, a setting, a date…)</source>
        <translation>筛选运行（任意一列：状态、某个设置、日期…）</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Load the run&apos;s checkpoint into the window and evaluate it</source>
        <translation>把这次运行的检查点载入窗口并评估</translation>
    </message>
    <message>
        <source>Continue training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Train the run further, in its own folder, from where it stopped</source>
        <translation>从停下的地方起，在原文件夹中继续训练</translation>
    </message>
    <message>
        <source>to </source>
        <translation>到 </translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>导出表格为 CSV…</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>optimizer step</source>
        <translation>优化步数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Select runs (Ctrl or Shift + click) to overlay their curves.</source>
        <translation>选择多次运行（Ctrl 或 Shift + 单击）以叠加它们的曲线。</translation>
    </message>
    <message>
        <source>Listing the runs in {folder}…</source>
        <translation>正在列出 {folder} 中的运行…</translation>
    </message>
    <message>
        <source>{count} runs in {folder}</source>
        <translation>{folder} 中有 {count} 次运行</translation>
    </message>
    <message>
        <source>1 run in {folder}</source>
        <translation>{folder} 中有 1 次运行</translation>
    </message>
    <message>
        <source>Could not read the curves: {reason}</source>
        <translation>无法读取曲线：{reason}</translation>
    </message>
    <message>
        <source>{count} runs overlaid.</source>
        <translation>已叠加 {count} 次运行。</translation>
    </message>
    <message>
        <source>1 run overlaid.</source>
        <translation>已叠加 1 次运行。</translation>
    </message>
    <message>
        <source>{count} runs overlaid, all with the same settings (the plots show no legend past {most} runs).</source>
        <translation>已叠加 {count} 次运行，设置全部相同（超过 {most} 次运行时图中不显示图例）。</translation>
    </message>
    <message>
        <source>{count} runs overlaid; the plots show no legend past {most} runs: the table beside them keys the colours.</source>
        <translation>已叠加 {count} 次运行；超过 {most} 次运行时图中不显示图例，颜色对应见旁边的表格。</translation>
    </message>
    <message>
        <source> epoch</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Delete runs</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Delete {count} run folder(s) with their checkpoints and metrics? This cannot be undone.

{names}</source>
        <translation>删除 {count} 个运行文件夹（含检查点和指标）？此操作无法撤销。

{names}</translation>
    </message>
    <message>
        <source>Some folders could not be deleted:
{problems}</source>
        <translation>有些文件夹无法删除：
{problems}</translation>
    </message>
    <message>
        <source>Export the runs table</source>
        <translation>导出运行表格</translation>
    </message>
    <message>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Table written to {path}</source>
        <translation>表格已写入 {path}</translation>
    </message>
</context>
<context>
    <name>SeriesPlot</name>
    <message>
        <source>{axis} (0 = the newest sample)</source>
        <translation>{axis}（0 = 最新的采样点）</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Train the network in the form (F5)</source>
        <translation>训练表单中的网络 (F5)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Choose a preset…</source>
        <translation>选择预设…</translation>
    </message>
    <message>
        <source>The lesson has no preset called {name}; choose from {names}.</source>
        <translation>本课程没有名为 {name} 的预设；可选：{names}。</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>&amp;Open checkpoint…</source>
        <translation>打开检查点(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint as…</source>
        <translation>检查点另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Use MNIST &amp;folder…</source>
        <translation>使用 MNIST 文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Runs folder…</source>
        <translation>运行文件夹(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Reset settings</source>
        <translation>恢复默认设置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>R&amp;uns</source>
        <translation>运行记录(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Notes and experiments</source>
        <translation>笔记与实验(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Settings reset to the defaults.</source>
        <translation>设置已恢复为默认值。</translation>
    </message>
    <message>
        <source>Where run folders go</source>
        <translation>运行文件夹存放位置</translation>
    </message>
    <message>
        <source>The language changes when the workbench starts again.</source>
        <translation>语言将在下次启动工作台时切换。</translation>
    </message>
</context>
<context>
    <name>WindowSettings</name>
    <message>
        <source>the settings file {path} could not be read</source>
        <translation>无法读取设置文件 {path}</translation>
    </message>
    <message>
        <source>the settings file is from another version</source>
        <translation>设置文件来自其他版本</translation>
    </message>
    <message>
        <source>Some saved settings could not be read and were ignored ({which}); the defaults are used instead.</source>
        <translation>部分已保存的设置无法读取，已忽略（{which}）；改用默认值。</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>there is no file at {path}</source>
        <translation>{path} 处没有文件</translation>
    </message>
    <message>
        <source>{path} is a folder, not a checkpoint file</source>
        <translation>{path} 是文件夹，不是检查点文件</translation>
    </message>
    <message>
        <source>{path} is empty</source>
        <translation>{path} 是空文件</translation>
    </message>
    <message>
        <source>{path} is a PyTorch file but not an RNN Workbench checkpoint (it lacks the network description)</source>
        <translation>{path} 是 PyTorch 文件，但不是 RNN 工作台检查点（缺少网络描述）</translation>
    </message>
    <message>
        <source>{path} has checkpoint format {version}; this version of the app reads format {supported}. Update the app to open it</source>
        <translation>{path} 的检查点格式为 {version}；本版本只能读取格式 {supported}。请更新应用后再打开</translation>
    </message>
    <message>
        <source>{path} is for the lesson {task!r}, which this version does not have</source>
        <translation>{path} 属于课程 {task!r}，本版本没有该课程</translation>
    </message>
    <message>
        <source>the weights in {path} are not a table of tensors</source>
        <translation>{path} 中的权重不是张量表</translation>
    </message>
    <message>
        <source>the weights in {path} do not fit a {network}: {problems}</source>
        <translation>{path} 中的权重与 {network} 不匹配：{problems}</translation>
    </message>
    <message>
        <source>could not save the checkpoint to {path}: {error}</source>
        <translation>无法将检查点保存到 {path}：{error}</translation>
    </message>
    <message>
        <source>{path} is not a PyTorch checkpoint (it may be truncated or another kind of file)</source>
        <translation>{path} 不是 PyTorch 检查点（可能已截断，或是其他类型的文件）</translation>
    </message>
    <message>
        <source>{path} holds only weights, without a description of the network; open it from the window, with the network it belongs to in the form</source>
        <translation>{path} 只有权重，没有网络描述；请在窗口中打开它，并在表单中填好它对应的网络</translation>
    </message>
    <message>
        <source>the network description in {path} is invalid: {error}</source>
        <translation>{path} 中的网络描述无效：{error}</translation>
    </message>
    <message>
        <source>{path} contains Python code or objects, not only weights; it was not opened because opening it could run that code</source>
        <translation>{path} 除权重外还包含 Python 代码或对象；为防止运行其中的代码，没有打开它</translation>
    </message>
    <message>
        <source>no MNIST files in {root}: expected {names} in {root}/MNIST/raw (the embedded 5k digits are still available)</source>
        <translation>{root} 中没有 MNIST 文件：应在 {root}/MNIST/raw 中找到 {names}（内置的 5000 个数字仍可使用）</translation>
    </message>
    <message>
        <source>{path} is not an IDX file (bad header)</source>
        <translation>{path} 不是 IDX 文件（文件头错误）</translation>
    </message>
    <message>
        <source>{path} is truncated (header cut short)</source>
        <translation>{path} 已截断（文件头不完整）</translation>
    </message>
    <message>
        <source>{path} holds {actual} bytes of data but its header promises {expected}</source>
        <translation>{path} 含 {actual} 字节数据，但文件头声明为 {expected}</translation>
    </message>
    <message>
        <source>the embedded MNIST file {path} is missing or damaged ({error}); reinstall the app</source>
        <translation>内置 MNIST 文件 {path} 缺失或损坏（{error}）；请重新安装应用</translation>
    </message>
    <message>
        <source>cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <source>the {part} files in {root} do not hold 28x28 images with one label each (images {image_shape}, labels {label_shape})</source>
        <translation>{root} 中的 {part} 文件不是每张带一个标签的 28x28 图像（图像 {image_shape}，标签 {label_shape}）</translation>
    </message>
    <message>
        <source>the {part} labels in {root} are not digits 0-9</source>
        <translation>{root} 中的 {part} 标签不是数字 0–9</translation>
    </message>
    <message>
        <source>downloading MNIST into {root} failed ({error}); the embedded 5k digits are still available</source>
        <translation>下载 MNIST 到 {root} 失败（{error}）；内置的 5000 个数字仍可使用</translation>
    </message>
    <message>
        <source>{path} has {count} values; the lesson needs at least {minimum}</source>
        <translation>{path} 只有 {count} 个值；本课程至少需要 {minimum} 个</translation>
    </message>
    <message>
        <source>{label} must be greater than {low:g} and at most {high:g}, got {value}</source>
        <translation>{label} 必须大于 {low:g} 且不超过 {high:g}，当前为 {value}</translation>
    </message>
    <message>
        <source>{label} must be at least {low:g} and below {high:g}, got {value}</source>
        <translation>{label} 必须不小于 {low:g} 且小于 {high:g}，当前为 {value}</translation>
    </message>
    <message>
        <source>{label} must be from {low:g} to {high:g}, got {value}</source>
        <translation>{label} 必须在 {low:g} 到 {high:g} 之间，当前为 {value}</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>input size</source>
        <translation>输入大小</translation>
    </message>
    <message>
        <source>hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <source>layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>bidirectional</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>dropout</translation>
    </message>
    <message>
        <source>nonlinearity</source>
        <translation>非线性函数</translation>
    </message>
    <message>
        <source>output size</source>
        <translation>输出大小</translation>
    </message>
    <message>
        <source>head</source>
        <translation>输出头</translation>
    </message>
    <message>
        <source>architecture</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>latent size</source>
        <translation>隐变量维数</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>gradient clipping</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>random shift</source>
        <translation>随机平移</translation>
    </message>
    <message>
        <source>input noise</source>
        <translation>输入噪声</translation>
    </message>
    <message>
        <source>evaluations per epoch</source>
        <translation>每轮评估次数</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>the saved run drew from {saved} random generators, the lesson now from {now}; it cannot continue exactly</source>
        <translation>保存的运行使用了 {saved} 个随机数生成器，而本课现在使用 {now} 个；无法精确继续</translation>
    </message>
    <message>
        <source>{path} cannot continue training: its resume data is damaged or from another version ({error})</source>
        <translation>{path} 无法继续训练：其续训数据已损坏或来自其他版本（{error}）</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>both ways</source>
        <translation>双向</translation>
    </message>
    <message>
        <source>latent</source>
        <translation>隐空间</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>clip</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>evals/epoch</source>
        <translation>每轮测试</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>carry state</source>
        <translation>携带状态</translation>
    </message>
    <message>
        <source>horizon</source>
        <translation>生成步数</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>race rates</source>
        <translation>竞赛学习率</translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>outputs</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>{run_dir} is being trained right now by another process</source>
        <translation>{run_dir} 正在被另一个进程训练</translation>
    </message>
    <message>
        <source>{run_dir} has no checkpoint yet (it ended before its first epoch); start it again instead</source>
        <translation>{run_dir} 还没有检查点（在第一轮结束前就停止了）；请重新开始训练</translation>
    </message>
    <message>
        <source>{path} holds weights only (saved by an older version), so training cannot continue exactly; open it instead</source>
        <translation>{path} 只含权重（由旧版本保存），无法精确继续训练；请改为打开它</translation>
    </message>
    <message>
        <source>the run already has {done} epochs; ask for more (e.g. --epochs {more})</source>
        <translation>这次运行已有 {done} 轮；请要求更多轮（例如 --epochs {more}）</translation>
    </message>
    <message>
        <source>{run_dir} is not a run folder that can continue: {error}</source>
        <translation>{run_dir} 不是可以继续的运行文件夹：{error}</translation>
    </message>
    <message>
        <source>sequence length</source>
        <translation>序列长度</translation>
    </message>
    <message>
        <source>carry the hidden state</source>
        <translation>传递隐藏状态</translation>
    </message>
    <message>
        <source>generation horizon</source>
        <translation>生成步数</translation>
    </message>
    <message>
        <source>{label} must be a whole number from {low} to {high}, got {value}</source>
        <translation>{label} 必须是 {low} 到 {high} 之间的整数，当前为 {value}</translation>
    </message>
    <message>
        <source>{label} must be one of {choices}, got {value!r}</source>
        <translation>{label} 必须是 {choices} 之一，当前为 {value!r}</translation>
    </message>
    <message>
        <source>{label} must be true or false, got {value!r}</source>
        <translation>{label} 必须为 true 或 false，当前为 {value!r}</translation>
    </message>
    <message>
        <source>expected a table of settings, got {kind}</source>
        <translation>应为设置表，实际为 {kind}</translation>
    </message>
    <message>
        <source>unknown setting {name!r}</source>
        <translation>未知设置 {name!r}</translation>
    </message>
    <message>
        <source>dropout acts between stacked layers, so with 1 layer it does nothing: use 2+ layers or 0</source>
        <translation>dropout 作用于堆叠的层之间，只有 1 层时不起作用：请使用 2 层以上，或设为 0</translation>
    </message>
    <message>
        <source>only a plain RNN cell has a choice of nonlinearity; LSTM and GRU use tanh</source>
        <translation>只有普通 RNN 单元可以选择非线性函数；LSTM 和 GRU 使用 tanh</translation>
    </message>
    <message>
        <source>device must be cpu, cuda, cuda:N or mps, got {value!r}</source>
        <translation>设备必须是 cpu、cuda、cuda:N 或 mps，当前为 {value!r}</translation>
    </message>
    <message>
        <source>data folder must be a path, got {value!r}</source>
        <translation>数据文件夹必须是路径，当前为 {value!r}</translation>
    </message>
    <message>
        <source>race learning rates must be 4 numbers above 0 and at most 10, separated by commas, got {value!r}</source>
        <translation>比赛学习率必须是 4 个大于 0、不超过 10 的数，用逗号分隔，当前为 {value!r}</translation>
    </message>
    <message>
        <source>CSV file must be a path, got {value!r}</source>
        <translation>CSV 文件必须是路径，当前为 {value!r}</translation>
    </message>
    <message>
        <source>CSV column must be a name or a number, got {value!r}</source>
        <translation>CSV 列必须是列名或编号，当前为 {value!r}</translation>
    </message>
    <message>
        <source>MPS (Apple GPU) was chosen but is not available here; choose cpu</source>
        <translation>选择了 MPS（Apple GPU），但此处不可用；请选择 cpu</translation>
    </message>
    <message>
        <source>CUDA was chosen, but this PyTorch build sees no CUDA GPU; choose cpu</source>
        <translation>选择了 CUDA，但这个 PyTorch 检测不到 CUDA GPU；请选择 cpu</translation>
    </message>
    <message>
        <source>there is no CUDA device {index} (this machine has {count})</source>
        <translation>没有 CUDA 设备 {index}（本机共有 {count} 个）</translation>
    </message>
    <message>
        <source>the saved optimizer state does not fit this network ({error})</source>
        <translation>保存的优化器状态与此网络不匹配（{error}）</translation>
    </message>
    <message>
        <source>the loss became {loss} at step {step}: training diverged. Try a lower learning rate or turn on gradient clipping</source>
        <translation>第 {step} 步时损失变为 {loss}：训练发散。请降低学习率或开启梯度裁剪</translation>
    </message>
    <message>
        <source>cross-entropy loss</source>
        <translation>交叉熵损失</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>Test digits: the network&apos;s guess and its confidence (green right, red wrong)</source>
        <translation>测试数字：网络的猜测与置信度（绿色正确，红色错误）</translation>
    </message>
    <message>
        <source>time step</source>
        <translation>时间步</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Inside the cell</source>
        <translation>单元内部</translation>
    </message>
    <message>
        <source>Gradients through time</source>
        <translation>随时间传播的梯度</translation>
    </message>
    <message>
        <source>a time step reads one input</source>
        <translation>每个时间步读入一个输入</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>Latent space</source>
        <translation>隐空间</translation>
    </message>
    <message>
        <source>Autoencoder: digits squeezed into a few numbers</source>
        <translation>自编码器：把数字压缩成几个数</translation>
    </message>
    <message>
        <source>encoder 784-128-64-12-3 with tanh, a mirrored decoder ending in a sigmoid, Adam 5e-3, batch 64; five reconstructions and a 3-D scatter of the codes</source>
        <translation>编码器 784-128-64-12-3，使用 tanh，对称的解码器以 sigmoid 结尾，Adam 5e-3，批大小 64；展示五个重建和编码的三维散点图</translation>
    </message>
    <message>
        <source>The note&apos;s figures are pictures: blurry but recognisable reconstructions, and codes that gather by digit although no label was used.</source>
        <translation>笔记的结果是图片：模糊但能认出的重建，以及虽未使用标签却按数字聚集的编码。</translation>
    </message>
    <message>
        <source>Latent size 2 vs 12</source>
        <translation>隐空间大小 2 对 12</translation>
    </message>
    <message>
        <source>With 12 numbers in the middle instead of 2 the test MSE is lower, by at least 5 %</source>
        <translation>中间用 12 个数而不是 2 个数时，测试 MSE 更低，至少低 5%</translation>
    </message>
    <message>
        <source>Plain SGD vs Adam</source>
        <translation>普通 SGD 对 Adam</translation>
    </message>
    <message>
        <source>At lr 0.01 for 3 epochs, SGD&apos;s test MSE is at least 1.3× Adam&apos;s</source>
        <translation>学习率 0.01、训练 3 轮时，SGD 的测试 MSE 至少是 Adam 的 1.3 倍</translation>
    </message>
    <message>
        <source>latent 2</source>
        <translation>隐空间 2</translation>
    </message>
    <message>
        <source>latent 12</source>
        <translation>隐空间 12</translation>
    </message>
    <message>
        <source>mean squared error per pixel</source>
        <translation>每像素均方误差</translation>
    </message>
    <message>
        <source>MLP 784-128-64-12-3, Adam 1e-2 + OneCycle, batch 32</source>
        <translation>MLP 784-128-64-12-3，Adam 1e-2 + OneCycle，批大小 32</translation>
    </message>
    <message>
        <source>Morvan: MLP 784-128-64-12-3, Adam 5e-3, batch 64</source>
        <translation>莫烦：MLP 784-128-64-12-3，Adam 5e-3，批大小 64</translation>
    </message>
    <message>
        <source>Recurrent: GRU 128 reads and writes the rows, latent 3</source>
        <translation>循环网络：GRU 128 逐行读写，隐变量 3 维</translation>
    </message>
    <message>
        <source>Denoising: noise 0.4 on the inputs, clean targets</source>
        <translation>去噪：输入加 0.4 噪声，目标为干净图像</translation>
    </message>
    <message>
        <source>Basics: fitting a curve (y = x² + noise)</source>
        <translation>基础：曲线拟合（y = x² + 噪声）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test (new noise)</source>
        <translation>测试（新噪声）</translation>
    </message>
    <message>
        <source>Morvan: 1-10-1 ReLU, SGD 0.2</source>
        <translation>莫烦：1-10-1 ReLU，SGD 0.2</translation>
    </message>
    <message>
        <source>1-50-1 tanh, Adam 0.02</source>
        <translation>1-50-1 tanh，Adam 0.02</translation>
    </message>
    <message>
        <source>Basics: a small CNN on MNIST</source>
        <translation>基础：MNIST 上的小型 CNN</translation>
    </message>
    <message>
        <source>CNN, Adam 2e-3, batch 32, 3 epochs</source>
        <translation>CNN，Adam 2e-3，批大小 32，3 轮</translation>
    </message>
    <message>
        <source>Morvan: CNN, Adam 1e-3, batch 50</source>
        <translation>莫烦：CNN，Adam 1e-3，批大小 50</translation>
    </message>
    <message>
        <source>MNIST, row by row</source>
        <translation>MNIST：逐行读取</translation>
    </message>
    <message>
        <source>Morvan: LSTM 64×1, Adam 0.01, batch 64</source>
        <translation>莫烦：LSTM 64×1，Adam 0.01，批大小 64</translation>
    </message>
    <message>
        <source>LSTM 128×2, Adam 1e-3, batch 100</source>
        <translation>LSTM 128×2，Adam 1e-3，批大小 100</translation>
    </message>
    <message>
        <source>Best on this CPU: bidirectional GRU 128, AdamW + OneCycle</source>
        <translation>本机最佳：双向 GRU 128，AdamW + OneCycle</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>Momentum</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Basics: the optimizer race</source>
        <translation>基础：优化器赛跑</translation>
    </message>
    <message>
        <source>The four networks start from identical weights and see the same batches in the same order: the only difference is the optimizer.</source>
        <translation>四个网络从相同的初始权重出发，按相同顺序看到相同的批次：唯一的区别是优化器。</translation>
    </message>
    <message>
        <source>Morvan: 1-20-1 ReLU, lr 0.01 for all, batch 32, 12 epochs</source>
        <translation>莫烦：1-20-1 ReLU，学习率均为 0.01，批大小 32，12 轮</translation>
    </message>
    <message>
        <source>Each at a rate that suits it: 0.1, 0.05, 0.005, 0.005</source>
        <translation>各用适合自己的学习率：0.1、0.05、0.005、0.005</translation>
    </message>
    <message>
        <source>GRU vs MLP: forecasting a noisy sine</source>
        <translation>GRU 对比 MLP：预测带噪正弦</translation>
    </message>
    <message>
        <source>mean squared error (standardised)</source>
        <translation>均方误差（标准化）</translation>
    </message>
    <message>
        <source>{source} has {count} values: {train} to train on and {test} to test on, but windows of {steps} steps need at least {needed} values; use a longer series or fewer steps per window</source>
        <translation>{source} 有 {count} 个值：{train} 个用于训练，{test} 个用于测试；但每个窗口 {steps} 步至少需要 {needed} 个值。请使用更长的序列，或减少每个窗口的步数</translation>
    </message>
    <message>
        <source>recurrent: train</source>
        <translation>循环网络：训练</translation>
    </message>
    <message>
        <source>MLP: train</source>
        <translation>MLP：训练</translation>
    </message>
    <message>
        <source>recurrent: test (one step ahead)</source>
        <translation>循环网络：测试（单步预测）</translation>
    </message>
    <message>
        <source>MLP: test (one step ahead)</source>
        <translation>MLP：测试（单步预测）</translation>
    </message>
    <message>
        <source>recurrent: rollout</source>
        <translation>循环网络：自回归</translation>
    </message>
    <message>
        <source>MLP: rollout</source>
        <translation>MLP：自回归</translation>
    </message>
    <message>
        <source>Seed: GRU 16 vs MLP 32-16, Adam 5e-4, 150 epochs</source>
        <translation>原文：GRU 16 对比 MLP 32-16，Adam 5e-4，150 轮</translation>
    </message>
    <message>
        <source>Quick look: GRU 16, Adam 5e-3, 20 epochs</source>
        <translation>快速体验：GRU 16，Adam 5e-3，20 轮</translation>
    </message>
    <message>
        <source>LSTM 16 instead of the GRU</source>
        <translation>用 LSTM 16 代替 GRU</translation>
    </message>
    <message>
        <source>Generating a sine wave (and clipping gradients)</source>
        <translation>生成正弦波（以及梯度裁剪）</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>{path} is damaged: the network description does not match its checksum</source>
        <translation>{path} 已损坏：网络描述与其校验和不符</translation>
    </message>
    <message>
        <source>{path} is damaged: the weights do not match their checksum</source>
        <translation>{path} 已损坏：权重与其校验和不符</translation>
    </message>
    <message>
        <source>{path} is damaged: its checksum is missing</source>
        <translation>{path} 已损坏：缺少校验和</translation>
    </message>
    <message>
        <source>{path} is damaged: it does not say which lesson it belongs to</source>
        <translation>{path} 已损坏：没有说明它属于哪一课</translation>
    </message>
    <message>
        <source>{path} is damaged: its metadata is not a table</source>
        <translation>{path} 已损坏：其元数据不是一张表</translation>
    </message>
    <message>
        <source>{path} is too large to open</source>
        <translation>{path} 太大，无法打开</translation>
    </message>
    <message>
        <source>the weights in {path} are not usable: {name} holds {dtype} numbers, not floating point</source>
        <translation>{path} 中的权重不可用：{name} 存放的是 {dtype} 类型的数，而不是浮点数</translation>
    </message>
    <message>
        <source>the weights in {path} are not usable: {name} contains NaN or infinite values</source>
        <translation>{path} 中的权重不可用：{name} 含有 NaN 或无穷大值</translation>
    </message>
    <message>
        <source>{path} is not a text file</source>
        <translation>{path} 不是文本文件</translation>
    </message>
    <message>
        <source>{path} has no column of numbers</source>
        <translation>{path} 中没有数值列</translation>
    </message>
    <message>
        <source>{path}: column {column!r} has no values</source>
        <translation>{path}：列 {column!r} 没有任何值</translation>
    </message>
    <message>
        <source>{path}: column {column!r} is constant; there is nothing to forecast</source>
        <translation>{path}：列 {column!r} 是常数，没有可预测的内容</translation>
    </message>
    <message>
        <source>{path}: column {column!r} does not hold numbers; numeric columns: {names}</source>
        <translation>{path}：列 {column!r} 不是数值；数值列有：{names}</translation>
    </message>
    <message>
        <source>{path} is not a wide table: reading row by row needs two or more value columns</source>
        <translation>{path} 不是宽表：逐行读取需要两个或更多数值列</translation>
    </message>
    <message>
        <source>{path}: column {column!r} has values that are not numbers ({lines}{more})</source>
        <translation>{path}：列 {column!r} 中有不是数字的值（{lines}{more}）</translation>
    </message>
    <message>
        <source>{path} is a folder, not a CSV file</source>
        <translation>{path} 是文件夹，不是 CSV 文件</translation>
    </message>
    <message>
        <source>{path} has no column {column!r}; its columns are {names} (or a number from 1 to {count}, or &quot;rows&quot;)</source>
        <translation>{path} 中没有列 {column!r}；它的列有 {names}（也可以用 1 到 {count} 的编号，或 &quot;rows&quot;）</translation>
    </message>
    <message>
        <source>The data and the network&apos;s curve</source>
        <translation>数据与网络拟合的曲线</translation>
    </message>
    <message>
        <source>data (x² + noise)</source>
        <translation>数据（x² + 噪声）</translation>
    </message>
    <message>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>a time step reads one row of the digit</source>
        <translation>每个时间步读入数字的一行</translation>
    </message>
    <message>
        <source>After 3 epochs at lr 0.01 for all, SGD&apos;s test MSE is at least 2× Adam&apos;s</source>
        <translation>四者学习率都为 0.01、训练 3 轮后，SGD 的测试 MSE 至少是 Adam 的 2 倍</translation>
    </message>
    <message>
        <source>With SGD at lr 0.1, its test MSE after 12 epochs comes within 3× Adam&apos;s</source>
        <translation>SGD 使用学习率 0.1 时，训练 12 轮后它的测试 MSE 在 Adam 的 3 倍以内</translation>
    </message>
    <message>
        <source>all at 0.01, 3 epochs</source>
        <translation>全部为 0.01，3 轮</translation>
    </message>
    <message>
        <source>The series and the forecasts</source>
        <translation>序列与预测</translation>
    </message>
    <message>
        <source>truth</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>train | test</source>
        <translation>训练 | 测试</translation>
    </message>
    <message>
        <source>a time step reads one value of the series</source>
        <translation>每个时间步读入序列中的一个值</translation>
    </message>
    <message>
        <source>recurrent model, on its own</source>
        <translation>循环网络（自回归）</translation>
    </message>
    <message>
        <source>MLP, on its own</source>
        <translation>MLP（自回归）</translation>
    </message>
    <message>
        <source>After 2 epochs the next-value test MSE is at least 1.5× the one after 10</source>
        <translation>训练 2 轮后的下一值测试 MSE 至少是训练 10 轮后的 1.5 倍</translation>
    </message>
    <message>
        <source>primer | free running</source>
        <translation>引导 | 自由生成</translation>
    </message>
    <message>
        <source>a time step reads one point of the sequence</source>
        <translation>每个时间步读入序列中的一个点</translation>
    </message>
    <message>
        <source>train (next value)</source>
        <translation>训练（下一个值）</translation>
    </message>
    <message>
        <source>test (next value)</source>
        <translation>测试（下一个值）</translation>
    </message>
    <message>
        <source>generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Seed: RNN 10×2, Adam 5e-3</source>
        <translation>原文：RNN 10×2，Adam 5e-3</translation>
    </message>
    <message>
        <source>Same, with the gradient norm clipped at 0.5</source>
        <translation>同上，梯度范数裁剪到 0.5</translation>
    </message>
    <message>
        <source>LSTM 32×1, Adam 1e-2</source>
        <translation>LSTM 32×1，Adam 1e-2</translation>
    </message>
    <message>
        <source>sin → cos, carrying the hidden state</source>
        <translation>sin → cos：传递隐藏状态</translation>
    </message>
    <message>
        <source>a time step reads one sample of the window</source>
        <translation>每个时间步读入窗口中的一个采样</translation>
    </message>
    <message>
        <source>train (per window)</source>
        <translation>训练（每窗口）</translation>
    </message>
    <message>
        <source>test (40 windows)</source>
        <translation>测试（40 个窗口）</translation>
    </message>
    <message>
        <source>Morvan: RNN 32, Adam 0.02, windows of 10</source>
        <translation>莫烦：RNN 32，Adam 0.02，窗口长 10</translation>
    </message>
    <message>
        <source>Same, but forget the hidden state at every window</source>
        <translation>同上，但每个窗口都清空隐藏状态</translation>
    </message>
    <message>
        <source>LSTM 32, Adam 0.01</source>
        <translation>LSTM 32，Adam 0.01</translation>
    </message>
    <message>
        <source>Basics: two clouds, one boundary</source>
        <translation>基础：两团点，一条边界</translation>
    </message>
    <message>
        <source>The seed&apos;s recipe classifies at least 97 % of new points right</source>
        <translation>笔记的配方至少能正确分类 97% 的新点</translation>
    </message>
    <message>
        <source>test (new points)</source>
        <translation>测试（新的点）</translation>
    </message>
    <message>
        <source>Morvan: 2-10-2 ReLU, SGD 0.02</source>
        <translation>莫烦：2-10-2 ReLU，SGD 0.02</translation>
    </message>
    <message>
        <source>2-10-2 tanh, Adam 0.05</source>
        <translation>2-10-2 tanh，Adam 0.05</translation>
    </message>
    <message>
        <source>this checkpoint is for the lesson {task!r}; the decoder explorer needs an autoencoder</source>
        <translation>该检查点属于课程 {task!r}；解码器探索需要自编码器</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>测试损失</translation>
    </message>
    <message>
        <source>recurrent one-step test MSE</source>
        <translation>循环网络单步测试 MSE</translation>
    </message>
    <message>
        <source>MLP one-step test MSE</source>
        <translation>MLP 单步测试 MSE</translation>
    </message>
    <message>
        <source>recurrent rollout MSE</source>
        <translation>循环网络自回归 MSE</translation>
    </message>
    <message>
        <source>MLP rollout MSE</source>
        <translation>MLP 自回归 MSE</translation>
    </message>
    <message>
        <source>generation MSE</source>
        <translation>生成 MSE</translation>
    </message>
    <message>
        <source>MSE over the last 20 windows</source>
        <translation>最近 20 个窗口的 MSE</translation>
    </message>
    <message>
        <source>test MSE</source>
        <translation>测试 MSE</translation>
    </message>
    <message>
        <source>MLP ({activation}) {hidden}</source>
        <translation>MLP（{activation}）{hidden}</translation>
    </message>
    <message>
        <source>bidirectional {cell} {hidden}×{layers}</source>
        <translation>双向 {cell} {hidden}×{layers}</translation>
    </message>
    <message>
        <source>MLP ({activation}), code of {latent}</source>
        <translation>MLP（{activation}），{latent} 维编码</translation>
    </message>
    <message>
        <source>image row (time step)</source>
        <translation>图像行（时间步）</translation>
    </message>
    <message>
        <source>train (per batch)</source>
        <translation>训练（每批）</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>100 points of y = x² + 0.2·U(0, 1), a 1-10-1 network with ReLU, SGD lr 0.2, full-batch steps</source>
        <translation>100 个点 y = x² + 0.2·U(0, 1)，1-10-1 ReLU 网络，SGD 学习率 0.2，每步使用全部数据</translation>
    </message>
    <message>
        <source>The note shows the red curve bending onto the points as it trains; it reports no number.</source>
        <translation>笔记展示了红色曲线在训练中弯向数据点；没有给出数字。</translation>
    </message>
    <message>
        <source>The seed&apos;s recipe fits the parabola</source>
        <translation>笔记的配方能拟合抛物线</translation>
    </message>
    <message>
        <source>After 20 epochs the test MSE is at most 0.01 (the noise alone gives about 0.0033)</source>
        <translation>训练 20 轮后测试 MSE 不超过 0.01（仅噪声本身约为 0.0033）</translation>
    </message>
    <message>
        <source>A learning rate 100× smaller</source>
        <translation>学习率缩小 100 倍</translation>
    </message>
    <message>
        <source>At lr 0.002 the test MSE after 20 epochs is at least 5× the one at lr 0.2</source>
        <translation>学习率 0.002 时，20 轮后的测试 MSE 至少是学习率 0.2 时的 5 倍</translation>
    </message>
    <message>
        <source>1-10-1 ReLU, SGD 0.2</source>
        <translation>1-10-1 ReLU，SGD 0.2</translation>
    </message>
    <message>
        <source>lr 0.2</source>
        <translation>学习率 0.2</translation>
    </message>
    <message>
        <source>lr 0.002</source>
        <translation>学习率 0.002</translation>
    </message>
    <message>
        <source>two 5×5 convolutions (16 and 32 filters) with max-pooling, Adam 1e-3, batch 50, 1 epoch on the full training set</source>
        <translation>两层 5×5 卷积（16 和 32 个滤波器）加最大池化，Adam 1e-3，批大小 50，在完整训练集上训练 1 轮</translation>
    </message>
    <message>
        <source>The note prints the accuracy as it trains but states no final figure; on the embedded 4,000 digits one epoch already passes 90 %.</source>
        <translation>笔记在训练时打印准确率，但没有给出最终数字；在内置的 4,000 个数字上，一轮就已超过 90%。</translation>
    </message>
    <message>
        <source>One epoch of the CNN</source>
        <translation>CNN 训练一轮</translation>
    </message>
    <message>
        <source>One epoch on 4,000 digits reaches at least 90 % test accuracy</source>
        <translation>在 4,000 个数字上训练一轮，测试准确率至少达到 90%</translation>
    </message>
    <message>
        <source>A learning rate 25× too high</source>
        <translation>学习率高了 25 倍</translation>
    </message>
    <message>
        <source>Adam at lr 0.05 ends at least 20 points below Adam at lr 0.002 after one epoch</source>
        <translation>训练一轮后，学习率 0.05 的 Adam 比学习率 0.002 的 Adam 至少低 20 个百分点</translation>
    </message>
    <message>
        <source>CNN, 1 epoch</source>
        <translation>CNN，1 轮</translation>
    </message>
    <message>
        <source>lr 0.05</source>
        <translation>学习率 0.05</translation>
    </message>
    <message>
        <source>image row (rows shown so far)</source>
        <translation>图像行（目前显示的行）</translation>
    </message>
    <message>
        <source>LSTM 128×2, Adam 1e-3, batch 100, 30 epochs on the full 60,000 training digits</source>
        <translation>LSTM 128×2，Adam 1e-3，批大小 100，在完整的 60,000 个训练数字上训练 30 轮</translation>
    </message>
    <message>
        <source>The note trains on 60,000 digits and tests on 10,000; the embedded set here has 4,000 to train on and 1,000 to test, so expect a few points less unless you use File → Use MNIST folder…</source>
        <translation>笔记在 60,000 个数字上训练、在 10,000 个上测试；这里内置的数据只有 4,000 个训练、1,000 个测试，所以除非使用“文件 → 使用 MNIST 文件夹…”，结果会低几个百分点。</translation>
    </message>
    <message>
        <source>Plain RNN vs LSTM, one epoch each</source>
        <translation>普通 RNN 对 LSTM，各训练一轮</translation>
    </message>
    <message>
        <source>The LSTM&apos;s test accuracy is at least 5 points above the plain RNN&apos;s</source>
        <translation>LSTM 的测试准确率比普通 RNN 至少高 5 个百分点</translation>
    </message>
    <message>
        <source>Adam vs plain SGD at the same learning rate</source>
        <translation>相同学习率下 Adam 对普通 SGD</translation>
    </message>
    <message>
        <source>After one epoch Adam is at least 30 points more accurate than SGD at lr 0.01</source>
        <translation>学习率 0.01 下训练一轮后，Adam 的准确率比 SGD 至少高 30 个百分点</translation>
    </message>
    <message>
        <source>LSTM 64</source>
        <translation>LSTM 64</translation>
    </message>
    <message>
        <source>plain RNN 64</source>
        <translation>普通 RNN 64</translation>
    </message>
    <message>
        <source>Adam 0.01</source>
        <translation>Adam 0.01</translation>
    </message>
    <message>
        <source>SGD 0.01</source>
        <translation>SGD 0.01</translation>
    </message>
    <message>
        <source>1,000 points of y = x² + 0.1·N(0, 1), a 1-20-1 ReLU network per optimizer, batches of 32, lr 0.01 for SGD, Momentum 0.8, RMSprop α 0.9 and Adam β (0.9, 0.99), 12 epochs</source>
        <translation>1,000 个点 y = x² + 0.1·N(0, 1)，每个优化器一个 1-20-1 ReLU 网络，批大小 32，学习率 0.01；SGD、Momentum 0.8、RMSprop α 0.9、Adam β (0.9, 0.99)，12 轮</translation>
    </message>
    <message>
        <source>The note&apos;s figure is the four loss curves: SGD lags far behind the other three.</source>
        <translation>笔记的结果是四条损失曲线：SGD 远远落后于其他三个。</translation>
    </message>
    <message>
        <source>Same learning rate for all four</source>
        <translation>四者使用相同学习率</translation>
    </message>
    <message>
        <source>Each at a rate that suits it</source>
        <translation>各用适合自己的学习率</translation>
    </message>
    <message>
        <source>SGD test MSE</source>
        <translation>SGD 测试 MSE</translation>
    </message>
    <message>
        <source>Momentum test MSE</source>
        <translation>Momentum 测试 MSE</translation>
    </message>
    <message>
        <source>RMSprop test MSE</source>
        <translation>RMSprop 测试 MSE</translation>
    </message>
    <message>
        <source>Adam test MSE</source>
        <translation>Adam 测试 MSE</translation>
    </message>
    <message>
        <source>rates 0.1, 0.05, 0.005, 0.005</source>
        <translation>学习率 0.1、0.05、0.005、0.005</translation>
    </message>
    <message>
        <source>GRU with 16 hidden units vs an MLP 20-32-16-1, sequences of 20, Adam 5e-4, 150 epochs, 80/20 split of a 1,000-point noisy sine, hidden state carried</source>
        <translation>16 个隐藏单元的 GRU 对 MLP 20-32-16-1，序列长 20，Adam 5e-4，150 轮，1,000 点带噪正弦按 80/20 切分，携带隐藏状态</translation>
    </message>
    <message>
        <source>The note&apos;s figure is a plot: the GRU&apos;s free-running forecast follows the wave while the MLP&apos;s flattens out. The experiments use the quicker recipe (Adam 5e-3, 20 epochs).</source>
        <translation>笔记的结果是一张图：GRU 的独立预测跟住了波形，而 MLP 的变成一条平线。实验使用更快的配方（Adam 5e-3，20 轮）。</translation>
    </message>
    <message>
        <source>GRU vs MLP, forecasting on their own</source>
        <translation>GRU 对 MLP：独立预测</translation>
    </message>
    <message>
        <source>Over the test part the MLP&apos;s free-running forecast has at least 3× the GRU&apos;s MSE</source>
        <translation>在测试部分，MLP 独立预测的 MSE 至少是 GRU 的 3 倍</translation>
    </message>
    <message>
        <source>One step ahead, both look good</source>
        <translation>单步预测：两者看起来都不错</translation>
    </message>
    <message>
        <source>Predicting one step ahead from the true values, the MLP&apos;s test MSE is within 5× the GRU&apos;s (while its forecast on its own is far worse)</source>
        <translation>用真实值预测下一步时，MLP 的测试 MSE 在 GRU 的 5 倍以内（而它的独立预测要差得多）</translation>
    </message>
    <message>
        <source>GRU 16 and MLP 32-16</source>
        <translation>GRU 16 与 MLP 32-16</translation>
    </message>
    <message>
        <source>RNN with 10 hidden units in 2 layers, sequences of 60 points from a random start, Adam 5e-3, then free-running generation from a short primer</source>
        <translation>2 层、每层 10 个隐藏单元的 RNN，从随机起点取 60 点的序列，Adam 5e-3，然后从一小段引导开始自由生成</translation>
    </message>
    <message>
        <source>The note shows the generated wave beside the truth; it reports no number.</source>
        <translation>笔记把生成的波形和真实值画在一起；没有给出数字。</translation>
    </message>
    <message>
        <source>One step ahead vs running free</source>
        <translation>单步预测与自由运行</translation>
    </message>
    <message>
        <source>Generating 100 steps on its own, the error is at least 3× the one-step test error</source>
        <translation>独立生成 100 步时，误差至少是单步测试误差的 3 倍</translation>
    </message>
    <message>
        <source>Two epochs vs ten</source>
        <translation>两轮对十轮</translation>
    </message>
    <message>
        <source>RNN 10×2</source>
        <translation>RNN 10×2</translation>
    </message>
    <message>
        <source>10 epochs</source>
        <translation>10 轮</translation>
    </message>
    <message>
        <source>2 epochs</source>
        <translation>2 轮</translation>
    </message>
    <message>
        <source>generated</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>RNN with 32 hidden units, Adam lr 0.02, windows of 10 steps over π, the final hidden state handed to the next window</source>
        <translation>32 个隐藏单元的 RNN，Adam 学习率 0.02，每个窗口在 π 上取 10 步，最终隐藏状态交给下一个窗口</translation>
    </message>
    <message>
        <source>The note shows the prediction catching up with cos(t) within the first windows; it reports no number.</source>
        <translation>笔记展示了预测在最初几个窗口内追上 cos(t)；没有给出数字。</translation>
    </message>
    <message>
        <source>Carry the hidden state vs reset it at every window</source>
        <translation>携带隐藏状态与每个窗口重置状态</translation>
    </message>
    <message>
        <source>With the state reset at every window the test MSE is at least 5× the carried one</source>
        <translation>每个窗口都重置状态时，测试 MSE 至少是携带状态时的 5 倍</translation>
    </message>
    <message>
        <source>Three epochs are enough</source>
        <translation>三轮就够了</translation>
    </message>
    <message>
        <source>Carrying its state, the RNN&apos;s test MSE is below 0.01 after 3 epochs (cos(t) itself has a variance of 0.5)</source>
        <translation>携带状态时，RNN 训练 3 轮后的测试 MSE 低于 0.01（cos(t) 本身的方差为 0.5）</translation>
    </message>
    <message>
        <source>carried</source>
        <translation>携带状态</translation>
    </message>
    <message>
        <source>reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>RNN 32, carried</source>
        <translation>RNN 32，携带状态</translation>
    </message>
    <message>
        <source>Oscilloscope: sin(t) goes in, cos(t) should come out</source>
        <translation>示波器：输入 sin(t)，应输出 cos(t)</translation>
    </message>
    <message>
        <source>target cos(t)</source>
        <translation>目标 cos(t)</translation>
    </message>
    <message>
        <source>input sin(t)</source>
        <translation>输入 sin(t)</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>two Gaussian clouds of 100 points around (2, 2) and (−2, −2), a 2-10-2 network with ReLU, SGD lr 0.02, cross-entropy</source>
        <translation>分别围绕 (2, 2) 和 (−2, −2) 的两团各 100 个高斯分布点，2-10-2 ReLU 网络，SGD 学习率 0.02，交叉熵</translation>
    </message>
    <message>
        <source>The note shows the points coloured by the network&apos;s answer, all right at the end; it prints the accuracy as it trains.</source>
        <translation>笔记按网络的回答给点着色，最后全部正确；训练时打印准确率。</translation>
    </message>
    <message>
        <source>Two clouds, one line</source>
        <translation>两团点，一条线</translation>
    </message>
    <message>
        <source>A learning rate 40× smaller</source>
        <translation>学习率缩小 40 倍</translation>
    </message>
    <message>
        <source>At lr 0.0005 the test loss after 10 epochs is at least 2× the one at lr 0.02</source>
        <translation>学习率 0.0005 时，10 轮后的测试损失至少是学习率 0.02 时的 2 倍</translation>
    </message>
    <message>
        <source>2-10-2 ReLU, SGD 0.02</source>
        <translation>2-10-2 ReLU，SGD 0.02</translation>
    </message>
    <message>
        <source>lr 0.02</source>
        <translation>学习率 0.02</translation>
    </message>
    <message>
        <source>lr 0.0005</source>
        <translation>学习率 0.0005</translation>
    </message>
    <message>
        <source>{label} must be a number such as 0.01 or 1e-3, got {value!r}</source>
        <translation>{label} 必须是数字，例如 0.01 或 1e-3，当前为 {value!r}</translation>
    </message>
    <message>
        <source>this model is for the lesson {task!r}, which this panel cannot use</source>
        <translation>该模型属于课程 {task!r}，本面板无法使用</translation>
    </message>
    <message>
        <source>live</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>this model is for the lesson {task!r}, which does not classify digits; train or open an MNIST classifier</source>
        <translation>该模型属于课程 {task!r}，它不识别数字；请训练或打开一个 MNIST 分类器</translation>
    </message>
    <message>
        <source>input gate i (σ)</source>
        <translation>输入门 i (σ)</translation>
    </message>
    <message>
        <source>forget gate f (σ)</source>
        <translation>遗忘门 f (σ)</translation>
    </message>
    <message>
        <source>cell candidate g (tanh)</source>
        <translation>候选细胞状态 g (tanh)</translation>
    </message>
    <message>
        <source>output gate o (σ)</source>
        <translation>输出门 o (σ)</translation>
    </message>
    <message>
        <source>cell state c</source>
        <translation>细胞状态 c</translation>
    </message>
    <message>
        <source>hidden state h</source>
        <translation>隐藏状态 h</translation>
    </message>
    <message>
        <source>reset gate r (σ)</source>
        <translation>重置门 r (σ)</translation>
    </message>
    <message>
        <source>update gate z (σ)</source>
        <translation>更新门 z (σ)</translation>
    </message>
    <message>
        <source>candidate n (tanh)</source>
        <translation>候选状态 n (tanh)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
</TS>
