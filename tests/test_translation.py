"""简体中文 is a file: with the zh_CN translator installed, the form and the core's messages read in Chinese."""
import pytest
from PySide6.QtWidgets import QApplication

from widgets.i18n import install_translators, translate_error
from workbench.spec import ModelSpec


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    assert translators, "resources/i18n/workbench_zh_CN.qm did not load"
    yield
    for translator in translators:
        QApplication.removeTranslator(translator)


def test_form_and_core_messages_are_translated(qtbot, chinese):
    from widgets.model_form import ModelForm
    form = ModelForm()
    qtbot.addWidget(form)
    form.hidden_size.setValue(0)
    assert form.rows["hidden_size"].error.text() == "隐藏层大小 必须是 1 到 4096 之间的整数，当前为 0"
    assert form.cell.itemText(0) == "RNN（普通）"


def test_every_source_string_has_a_translation():
    import xml.etree.ElementTree as ET
    from pathlib import Path
    ts = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "workbench_zh_CN.ts"
    unfinished = [message.find("source").text for message in ET.parse(ts).getroot().iter("message")
                  if message.find("translation").get("type") == "unfinished"
                  or not message.find("translation").text]
    assert unfinished == []


def test_untranslated_errors_fall_back_to_english(qtbot):
    error = ModelSpec(hidden_size=0).problems()[0]
    assert translate_error(error) == str(error)


def test_translation_file_covers_every_string_in_the_code():
    """Every tr() / tr_noop() string in the code is in workbench_zh_CN.ts, translated."""
    import importlib.util
    from pathlib import Path
    tool = Path(__file__).resolve().parent.parent / "tools" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", tool)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_the_name_of_the_network_a_panel_runs_is_translated(chinese):
    from widgets.model_mirror import LIVE, model_description
    from workbench.checkpoint import describe_network, network_name
    spec = ModelSpec(cell="gru", hidden_size=128, bidirectional=True)
    assert describe_network(spec) == "bidirectional GRU 128×1"                # English for logs and errors
    assert model_description(*network_name(spec), LIVE) == "双向 GRU 128×1 (训练中)"
    assert model_description(*network_name(spec), "runs/a/checkpoint.pt") == "双向 GRU 128×1 (runs/a/checkpoint.pt)"
