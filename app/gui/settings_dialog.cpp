#include "settings_dialog.h"

#include "language.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace lancet::gui {

namespace {
void selectData(QComboBox* combo, const QString& value)
{
    const int i = combo->findData(value);
    combo->setCurrentIndex(i >= 0 ? i : 0);
}
}  // namespace

SettingsDialog::SettingsDialog(const AppSettings& s, QWidget* parent) : QDialog(parent), original_(s)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Lancet Settings"));

    device_ = new QComboBox(this);
    device_->addItem(tr("Automatic (CUDA if available)"), u"auto"_s);
    device_->addItem(tr("CPU"), u"cpu"_s);
    device_->addItem(tr("CUDA GPU"), u"cuda"_s);
    device_->setToolTip(tr("Where the model's weights live and the work runs. Takes effect the next time a "
                           "model is opened."));
    selectData(device_, s.device);
    dtype_ = new QComboBox(this);
    dtype_->addItem(tr("Automatic (the checkpoint's own)"), u"auto"_s);
    dtype_->addItem(tr("float32"), u"float32"_s);
    dtype_->addItem(tr("float16"), u"float16"_s);
    dtype_->addItem(tr("bfloat16"), u"bfloat16"_s);
    dtype_->setToolTip(tr("Number format of the weights. Half precision halves the memory; on the CPU, "
                          "float32 is usually fastest."));
    selectData(dtype_, s.dtype);
    // Models larger than one GPU: the layers split across several devices of
    // this computer (engine model/placement.h). Empty: all on the device above.
    devices_ = new QLineEdit(s.devices, this);
    devices_->setPlaceholderText(tr("none: the whole model on the device above"));
    devices_->setClearButtonEnabled(true);
    devices_->setToolTip(tr("For models larger than one GPU: the devices that share the model's layers, in "
                            "pipeline order, e.g. \"cuda:0,cuda:1\". The embeddings and the first layers go to the "
                            "first device, the last layers and the unembedding to the last; the activations move "
                            "between them at the boundaries. Takes effect the next time a model is opened."));
    placement_ = new QComboBox(this);
    placement_->setEditable(true);
    placement_->addItem(tr("Balanced (equal layers per device)"), u"balanced"_s);
    placement_->addItem(tr("Automatic (by each device's free memory)"), u"auto"_s);
    placement_->setToolTip(tr("How the layers are split among the devices: balanced, automatic, or your own list "
                              "of layer ranges, e.g. \"0-15:cuda:0,16-31:cuda:1\" (which needs no device list). "
                              "Used only with a device list or a layer list."));
    if (s.placement.isEmpty() || s.placement == u"balanced"_s || s.placement == u"auto"_s)
        selectData(placement_, s.placement.isEmpty() ? u"balanced"_s : s.placement);
    else
        placement_->setEditText(s.placement);
    threads_ = new QSpinBox(this);
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("automatic (%1 cores)").arg(QThread::idealThreadCount()));
    threads_->setValue(s.threads);
    threads_->setToolTip(tr("CPU threads for the engine's tensor work. Takes effect at the next start."));

    QWidget* corpusRow = nullptr;
    corpus_ = pathRow(s.corpusDir, tr("shipped WordNet glosses"), &corpusRow);
    corpus_->setToolTip(tr("Folder of plain-text documents (separated by blank lines) from which ROME estimates "
                           "the statistics of each layer's keys (the second moment C = E[kkᵀ]). The shipped "
                           "corpus is enough for a demo; a larger, Wikipedia-like one matches the paper."));
    QWidget* cacheRow = nullptr;
    cache_ = pathRow(s.cacheDir, tr("~/.cache/lancet"), &cacheRow);
    cache_->setToolTip(tr("Where those statistics are cached. Computing them takes minutes on a large model; "
                          "they are reused for every later edit of the same model."));

    theme_ = new QComboBox(this);
    theme_->addItem(tr("Follow the desktop"), themeModeKey(ThemeMode::FollowDesktop));
    theme_->addItem(tr("Light"), themeModeKey(ThemeMode::Light));
    theme_->addItem(tr("Dark"), themeModeKey(ThemeMode::Dark));
    selectData(theme_, themeModeKey(s.theme));
    theme_->setToolTip(tr("The window's colours. The plots follow them on screen; a plot exported to a file "
                          "is always the light version, for papers and slides."));
    heatMaps_ = new QComboBox(this);
    heatMaps_->addItem(tr("As in the paper (purple, green, red)"), false);
    heatMaps_->addItem(tr("Colour-blind safe (viridis, cividis, magma)"), true);
    heatMaps_->setCurrentIndex(s.accessibleHeatMaps ? 1 : 0);
    heatMaps_->setToolTip(tr("The causal-trace maps' colours. The paper's green and red maps look alike with a "
                             "red-green colour deficiency; the safe maps darken steadily from light (no effect) "
                             "to dark (the fact is stored here), in colour, greyscale or on a projector."));

    language_ = new QComboBox(this);
    for (const QString& key : languageKeys())
        language_->addItem(languageDisplayName(key), key);
    selectData(language_, s.language);
    restartNote_ = new QLabel(tr("The language changes when Lancet is started again."), this);
    restartNote_->setObjectName(u"restartNote"_s);
    restartNote_->setWordWrap(true);
    QFont noteFont = restartNote_->font();
    noteFont.setItalic(true);
    restartNote_->setFont(noteFont);
    // Said only once there is something to restart for.
    restartNote_->setVisible(false);
    connect(language_, &QComboBox::currentIndexChanged, this,
            [this] { restartNote_->setVisible(language_->currentData().toString() != original_.language); });

    auto* engine = new QGroupBox(tr("Engine"), this);
    auto* ef = new QFormLayout(engine);
    ef->addRow(tr("&Device:"), device_);
    ef->addRow(tr("D&type:"), dtype_);
    ef->addRow(tr("La&yers across:"), devices_);
    ef->addRow(tr("&Placement:"), placement_);
    ef->addRow(tr("&Threads:"), threads_);
    auto* stats = new QGroupBox(tr("Editing statistics"), this);
    auto* sf = new QFormLayout(stats);
    sf->addRow(tr("&Corpus:"), corpusRow);
    sf->addRow(tr("C&ache:"), cacheRow);
    auto* look = new QGroupBox(tr("Appearance"), this);
    auto* lf = new QFormLayout(look);
    lf->addRow(tr("Colour &scheme:"), theme_);
    lf->addRow(tr("&Heat maps:"), heatMaps_);
    lf->addRow(tr("&Language:"), language_);
    lf->addRow(QString(), restartNote_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(engine);
    layout->addWidget(stats);
    layout->addWidget(look);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

QLineEdit* SettingsDialog::pathRow(const QString& value, const QString& placeholder, QWidget** row)
{
    *row = new QWidget(this);
    auto* edit = new QLineEdit(value, *row);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    auto* browse = new QToolButton(*row);
    browse->setText(tr("Browse…"));
    auto* l = new QHBoxLayout(*row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit] {
        auto* dialog = new QFileDialog(this, tr("Choose a folder"), edit->text());
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
        dialog->open();
    });
    return edit;
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = original_;
    s.device = device_->currentData().toString();
    s.dtype = dtype_->currentData().toString();
    s.devices = devices_->text().trimmed();
    // The combo's own entries by key; anything typed is a layer list.
    const int typed = placement_->findText(placement_->currentText());
    const QString placement = typed >= 0 ? placement_->itemData(typed).toString() : placement_->currentText().trimmed();
    const bool layerList = placement.contains(u':');
    // Without a device list the choice between balanced and auto means nothing: kept empty.
    s.placement = s.devices.isEmpty() && !layerList ? QString() : placement;
    s.threads = threads_->value();
    s.corpusDir = corpus_->text().trimmed();
    s.cacheDir = cache_->text().trimmed();
    s.theme = themeModeFromKey(theme_->currentData().toString());
    s.accessibleHeatMaps = heatMaps_->currentData().toBool();
    s.language = language_->currentData().toString();
    return s;
}

}  // namespace lancet::gui
