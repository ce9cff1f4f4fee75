<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms only: the source strings are English already, but "%n account(s)"
     needs its singular and plural spelled out. Kept by hand; lupdate does not touch it. -->
<TS version="2.1" language="en">
<context>
    <name>twofold::ui::ExportDialog</name>
    <message numerus="yes">
        <source>Write all %n accounts to a file, to keep as a backup or to move them to another app.</source>
        <translation>
            <numerusform>Write your %n account to a file, to keep as a backup or to move it to another app.</numerusform>
            <numerusform>Write all %n accounts to a file, to keep as a backup or to move them to another app.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n accounts to %1.</source>
        <translation>
            <numerusform>Exported %n account to %1.</numerusform>
            <numerusform>Exported %n accounts to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::FirstStartDialog</name>
    <message numerus="yes">
        <source>Use at least %n characters for the password.</source>
        <translation>
            <numerusform>Use at least %n character for the password.</numerusform>
            <numerusform>Use at least %n characters for the password.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n added, </source>
        <translation>
            <numerusform>%n added, </numerusform>
            <numerusform>%n added, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates skipped.</source>
        <translation>
            <numerusform>%n duplicate skipped.</numerusform>
            <numerusform>%n duplicates skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) added.</source>
        <translation>
            <numerusform>%n account added.</numerusform>
            <numerusform>%n accounts added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied the code for %1. The clipboard is cleared in %n s.</source>
        <translation>
            <numerusform>Copied the code for %1. The clipboard is cleared in %n s.</numerusform>
            <numerusform>Copied the code for %1. The clipboard is cleared in %n s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::AuditPage</name>
    <message numerus="yes">
        <source>%n entries shown; Load older shows more.</source>
        <translation>
            <numerusform>%n entry shown; Load older shows more.</numerusform>
            <numerusform>%n entries shown; Load older shows more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; these are all that match.</source>
        <translation>
            <numerusform>%n entry shown; it is all that matches.</numerusform>
            <numerusform>%n entries shown; these are all that match.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::FraudPage</name>
    <message numerus="yes">
        <source>%n new alert(s) at the top.</source>
        <translation>
            <numerusform>%n new alert at the top.</numerusform>
            <numerusform>%n new alerts at the top.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::TokenImportDialog</name>
    <message numerus="yes">
        <source>&amp;Import %n token(s)</source>
        <translation>
            <numerusform>&amp;Import %n token</numerusform>
            <numerusform>&amp;Import %n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found %n token(s). Nothing is imported until you press Import.</source>
        <translation>
            <numerusform>Found %n token. Nothing is imported until you press Import.</numerusform>
            <numerusform>Found %n tokens. Nothing is imported until you press Import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) will be skipped.</source>
        <translation>
            <numerusform>%n token will be skipped.</numerusform>
            <numerusform>%n tokens will be skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n token(s).</source>
        <translation>
            <numerusform>Imported %n token.</numerusform>
            <numerusform>Imported %n tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n.</source>
        <translation>
            <numerusform>Skipped %n.</numerusform>
            <numerusform>Skipped %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::TokensPage</name>
    <message numerus="yes">
        <source>%n token(s).</source>
        <translation>
            <numerusform>%n token.</numerusform>
            <numerusform>%n tokens.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::UserImportDialog</name>
    <message numerus="yes">
        <source>&amp;Import %n user(s)</source>
        <translation>
            <numerusform>&amp;Import %n user</numerusform>
            <numerusform>&amp;Import %n users</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::UsersPage</name>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
</context>
</TS>
