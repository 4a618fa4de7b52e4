<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>lancet::gui::MainWindow</name>
    <message numerus="yes">
        <location filename="../app/gui/main_window.cpp" line="201"/>
        <source>Session restored: %n edit(s) replayed</source>
        <translation>
            <numerusform>Session restored: %n edit replayed</numerusform>
            <numerusform>Session restored: %n edits replayed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/main_window.cpp" line="345"/>
        <source>Replaying %n edit(s) of the session…</source>
        <translation>
            <numerusform>Replaying %n edit of the session…</numerusform>
            <numerusform>Replaying %n edits of the session…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/main_window_session.cpp" line="61"/>
        <source>Lancet did not shut down cleanly last time. Recover the autosaved session (%1, %n edit(s))?</source>
        <translation>
            <numerusform>Lancet did not shut down cleanly last time. Recover the autosaved session (%1, %n edit)?</numerusform>
            <numerusform>Lancet did not shut down cleanly last time. Recover the autosaved session (%1, %n edits)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/main_window_session.cpp" line="206"/>
        <source>The model carries %n edit(s) that are not saved in a session. Save the session before closing?</source>
        <translation>
            <numerusform>The model carries %n edit that are not saved in a session. Save the session before closing?</numerusform>
            <numerusform>The model carries %n edits that are not saved in a session. Save the session before closing?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::ModelPanel</name>
    <message numerus="yes">
        <location filename="../app/gui/model_panel.cpp" line="248"/>
        <source>%n applied</source>
        <translation>
            <numerusform>%n applied</numerusform>
            <numerusform>%n applied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::PromptPanel</name>
    <message numerus="yes">
        <location filename="../app/gui/prompt_panel.cpp" line="165"/>
        <source>%n prompt token(s)</source>
        <translation>
            <numerusform>%n prompt token</numerusform>
            <numerusform>%n prompt tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/prompt_panel.cpp" line="166"/>
        <source> · with %n edit(s) applied</source>
        <translation>
            <numerusform> · with %n edit applied</numerusform>
            <numerusform> · with %n edits applied</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::ScorecardPanel</name>
    <message numerus="yes">
        <location filename="../app/gui/scorecard_panel.cpp" line="176"/>
        <source>%n metric(s). Hover a panel for what it measures; click it for its prompts.</source>
        <translation>
            <numerusform>%n metric. Hover a panel for what it measures; click it for its prompts.</numerusform>
            <numerusform>%n metrics. Hover a panel for what it measures; click it for its prompts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/scorecard_panel.cpp" line="191"/>
        <source>Prompts behind %1 (%n prompt(s))</source>
        <translation>
            <numerusform>Prompts behind %1 (%n prompt)</numerusform>
            <numerusform>Prompts behind %1 (%n prompts)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lancet::gui::TracePanel</name>
    <message numerus="yes">
        <location filename="../app/gui/trace_panel.cpp" line="443"/>
        <source>cancelled after %n cell(s): grey cells were not computed</source>
        <translation>
            <numerusform>cancelled after %n cell: grey cells were not computed</numerusform>
            <numerusform>cancelled after %n cells: grey cells were not computed</numerusform>
        </translation>
    </message>
</context>
</TS>
