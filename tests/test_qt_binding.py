"""The installed Qt binding must not corrupt reference counts (PySide6 6.12.0 did, and the app crashed)."""
from widgets.qt_check import binding_drops_none_references


def test_void_qt_calls_keep_none_alive(qtbot):
    assert not binding_drops_none_references()


def test_a_long_gui_session_keeps_none_alive(qtbot):
    import sys

    from PySide6.QtWidgets import QPushButton
    button = QPushButton()
    qtbot.addWidget(button)
    before = sys.getrefcount(None)
    for index in range(5000):
        button.setText(str(index))
        button.setEnabled(index % 2 == 0)
    assert sys.getrefcount(None) >= before - 100
