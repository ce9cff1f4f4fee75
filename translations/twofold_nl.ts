<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AccountCode</name>
    <message>
        <source>This is code %1 of %2 from Google Authenticator: scan the others too.</source>
        <translation>Dit is code %1 van %2 uit Google Authenticator: scan de andere ook.</translation>
    </message>
    <message>
        <source>It is empty.</source>
        <translation>Hij is leeg.</translation>
    </message>
    <message>
        <source>This QR code is not a one-time-password code: it contains a web link.</source>
        <translation>Deze QR-code is geen code voor eenmalige wachtwoorden: er staat een weblink in.</translation>
    </message>
    <message>
        <source>This QR code is not a one-time-password code: it contains Wi-Fi settings.</source>
        <translation>Deze QR-code is geen code voor eenmalige wachtwoorden: er staan wifi-instellingen in.</translation>
    </message>
    <message>
        <source>This QR code is not a one-time-password code: it contains an e-mail address.</source>
        <translation>Deze QR-code is geen code voor eenmalige wachtwoorden: er staat een e-mailadres in.</translation>
    </message>
    <message>
        <source>This QR code is not a one-time-password code: it contains a phone number.</source>
        <translation>Deze QR-code is geen code voor eenmalige wachtwoorden: er staat een telefoonnummer in.</translation>
    </message>
    <message>
        <source>This QR code is not a one-time-password code: it contains a contact card.</source>
        <translation>Deze QR-code is geen code voor eenmalige wachtwoorden: er staat een visitekaartje in.</translation>
    </message>
    <message>
        <source>This QR code is not a one-time-password code: it contains plain text.</source>
        <translation>Deze QR-code is geen code voor eenmalige wachtwoorden: er staat gewone tekst in.</translation>
    </message>
    <message>
        <source>No QR code was found in the picture. Make sure the whole code is visible, sharp and not too small.</source>
        <translation>Er is geen QR-code in de afbeelding gevonden. Zorg dat de hele code zichtbaar, scherp en niet te klein is.</translation>
    </message>
    <message>
        <source>This code turns on sign-in approvals on this computer for a Twofold server.</source>
        <translation>Deze code schakelt aanmeldgoedkeuringen op deze computer in voor een Twofold-server.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Twofold: one-time codes for your accounts, and the console for administrators.</source>
        <translation>Twofold: eenmalige codes voor je accounts, en de console voor beheerders.</translation>
    </message>
    <message>
        <source>Open admin mode: the console for helpdesk staff and administrators of a twofold-server.</source>
        <translation>Beheermodus openen: de console voor helpdeskmedewerkers en beheerders van een twofold-server.</translation>
    </message>
    <message>
        <source>Start a twofold-server for evaluation on this computer and open admin mode signed in to it (implies --admin).</source>
        <translation>Start een twofold-server voor evaluatie op deze computer en open de beheermodus, daarbij aangemeld (houdt --admin in).</translation>
    </message>
    <message>
        <source>A twofold://activate link to turn on sign-in approvals (what a clicked activation link passes).</source>
        <translation>Een twofold://activate-link om aanmeldgoedkeuringen aan te zetten (wat een aangeklikte activeringslink doorgeeft).</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AccountDelegate</name>
    <message>
        <source>Copied</source>
        <translation>Gekopieerd</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Volgende: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AccountListModel</name>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AccountListView</name>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AccountQrDialog</name>
    <message>
        <source>QR code for %1</source>
        <translation>QR-code voor %1</translation>
    </message>
    <message>
        <source>No QR code could be made for this account: %1</source>
        <translation>Voor dit account kan geen QR-code worden gemaakt: %1</translation>
    </message>
    <message>
        <source>Scan this with your phone&apos;s authenticator app to move the account there. Anyone who sees this code can make your codes.</source>
        <translation>Scan dit met de authenticator-app op je telefoon om het account daarheen over te zetten. Iedereen die deze code ziet, kan je codes maken.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AddAccountDialog</name>
    <message>
        <source>Time-based</source>
        <translation>Tijdgebaseerd</translation>
    </message>
    <message>
        <source>Counter-based</source>
        <translation>Tellergebaseerd</translation>
    </message>
    <message>
        <source>Steam</source>
        <translation>Steam</translation>
    </message>
    <message>
        <source>Add an Account</source>
        <translation>Account toevoegen</translation>
    </message>
    <message>
        <source>Ways to add an account</source>
        <translation>Manieren om een account toe te voegen</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Link</translation>
    </message>
    <message>
        <source>&amp;Type the Key</source>
        <translation>Sleutel &amp;typen</translation>
    </message>
    <message>
        <source>&amp;Image File</source>
        <translation>&amp;Afbeelding</translation>
    </message>
    <message>
        <source>Cli&amp;pboard</source>
        <translation>&amp;Klembord</translation>
    </message>
    <message>
        <source>&amp;Screen</source>
        <translation>&amp;Scherm</translation>
    </message>
    <message>
        <source>Ca&amp;mera</source>
        <translation>Ca&amp;mera</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Accounts to add</source>
        <translation>Toe te voegen accounts</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Add the accounts</source>
        <translation>De accounts toevoegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Type the secret key the website shows as text.</source>
        <translation>Typ de geheime sleutel die de website als tekst toont.</translation>
    </message>
    <message>
        <source>Choose a picture of the QR code, or drop it here.</source>
        <translation>Kies een afbeelding van de QR-code, of sleep hem hierheen.</translation>
    </message>
    <message>
        <source>Copy a picture of the QR code, then scan the clipboard.</source>
        <translation>Kopieer een afbeelding van de QR-code en scan dan het klembord.</translation>
    </message>
    <message>
        <source>Show the QR code on the screen, then scan the screen.</source>
        <translation>Toon de QR-code op het scherm en scan dan het scherm.</translation>
    </message>
    <message>
        <source>Account link</source>
        <translation>Accountlink</translation>
    </message>
    <message>
        <source>&amp;Use the Link on the Clipboard</source>
        <translation>Link op het klembord &amp;gebruiken</translation>
    </message>
    <message>
        <source>Use the link on the clipboard</source>
        <translation>De link op het klembord gebruiken</translation>
    </message>
    <message>
        <source>Paste an &amp;otpauth:// or otpauth-migration:// link, one a line:</source>
        <translation>Plak een &amp;otpauth://- of otpauth-migration://-link, één per regel:</translation>
    </message>
    <message>
        <source>The service, such as Example Corp</source>
        <translation>De dienst, zoals Voorbeeld BV</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Accountnaam</translation>
    </message>
    <message>
        <source>Your user name or e-mail address</source>
        <translation>Je gebruikersnaam of e-mailadres</translation>
    </message>
    <message>
        <source>Secret key</source>
        <translation>Geheime sleutel</translation>
    </message>
    <message>
        <source>Letters A–Z and digits 2–7</source>
        <translation>Letters A–Z en cijfers 2–7</translation>
    </message>
    <message>
        <source>Secret key problem</source>
        <translation>Probleem met de geheime sleutel</translation>
    </message>
    <message>
        <source>Time-based (TOTP)</source>
        <translation>Tijdgebaseerd (TOTP)</translation>
    </message>
    <message>
        <source>Counter-based (HOTP)</source>
        <translation>Tellergebaseerd (HOTP)</translation>
    </message>
    <message>
        <source>Steam Guard</source>
        <translation>Steam Guard</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>Algoritme</translation>
    </message>
    <message>
        <source>SHA-1 (most services)</source>
        <translation>SHA-1 (de meeste diensten)</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Cijfers</translation>
    </message>
    <message>
        <source>Period in seconds</source>
        <translation>Periode in seconden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Teller</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>&amp;Uitgever:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>Secret &amp;key:</source>
        <translation>Geheime &amp;sleutel:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>S&amp;oort:</translation>
    </message>
    <message>
        <source>Al&amp;gorithm:</source>
        <translation>Al&amp;goritme:</translation>
    </message>
    <message>
        <source>&amp;Digits:</source>
        <translation>&amp;Cijfers:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <source>&amp;Counter:</source>
        <translation>&amp;Teller:</translation>
    </message>
    <message>
        <source>&amp;Choose an Image…</source>
        <translation>Afbeelding &amp;kiezen…</translation>
    </message>
    <message>
        <source>Choose an image file</source>
        <translation>Kies een afbeeldingsbestand</translation>
    </message>
    <message>
        <source>Chosen image</source>
        <translation>Gekozen afbeelding</translation>
    </message>
    <message>
        <source>Chosen file</source>
        <translation>Gekozen bestand</translation>
    </message>
    <message>
        <source>Choose a screenshot or photo of the QR code, or drag the image file onto this window.</source>
        <translation>Kies een schermafdruk of foto van de QR-code, of sleep het afbeeldingsbestand naar dit venster.</translation>
    </message>
    <message>
        <source>Choose an Image of the QR Code</source>
        <translation>Kies een afbeelding van de QR-code</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Afbeeldingen (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Scan the &amp;Clipboard Image</source>
        <translation>&amp;Klembordafbeelding scannen</translation>
    </message>
    <message>
        <source>Scan the clipboard image</source>
        <translation>De klembordafbeelding scannen</translation>
    </message>
    <message>
        <source>Clipboard image</source>
        <translation>Klembordafbeelding</translation>
    </message>
    <message>
        <source>Copy a picture of the QR code (for example with your screenshot tool&apos;s copy action), then scan it here.</source>
        <translation>Kopieer een afbeelding van de QR-code (bijvoorbeeld met de kopieeroptie van je schermafdrukprogramma) en scan hem hier.</translation>
    </message>
    <message>
        <source>Scan the &amp;Screen</source>
        <translation>&amp;Scherm scannen</translation>
    </message>
    <message>
        <source>Scan the screen</source>
        <translation>Het scherm scannen</translation>
    </message>
    <message>
        <source>Show the QR code anywhere on your screens, for example in the website&apos;s page, and make sure this window does not cover it. Then scan: every screen is searched.</source>
        <translation>Toon de QR-code ergens op je schermen, bijvoorbeeld op de pagina van de website, en zorg dat dit venster hem niet bedekt. Scan dan: alle schermen worden doorzocht.</translation>
    </message>
    <message>
        <source>The clipboard holds an account link.</source>
        <translation>Op het klembord staat een accountlink.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
    <message>
        <source>The secret key is not valid: see the note under it.</source>
        <translation>De geheime sleutel is niet geldig: zie de opmerking eronder.</translation>
    </message>
    <message>
        <source>Enter the issuer or the account name, so that you can tell the account apart.</source>
        <translation>Vul de uitgever of de accountnaam in, zodat je het account kunt herkennen.</translation>
    </message>
    <message>
        <source>Looking for a QR code…</source>
        <translation>Zoeken naar een QR-code…</translation>
    </message>
    <message>
        <source>The clipboard holds no picture. Copy the QR code image first, or use the Link page if you copied a link.</source>
        <translation>Op het klembord staat geen afbeelding. Kopieer eerst de afbeelding van de QR-code, of gebruik de pagina Link als je een link hebt gekopieerd.</translation>
    </message>
    <message>
        <source>The screen could not be read on this system. Save the QR code as an image and use the Image File page instead.</source>
        <translation>Het scherm kan op dit systeem niet worden gelezen. Sla de QR-code op als afbeelding en gebruik de pagina Afbeelding.</translation>
    </message>
    <message>
        <source>This file could not be read as an image. Choose a PNG, JPEG or other picture file.</source>
        <translation>Dit bestand kan niet als afbeelding worden gelezen. Kies een PNG-, JPEG- of ander afbeeldingsbestand.</translation>
    </message>
    <message>
        <source>%1 accounts found.</source>
        <translation>%1 accounts gevonden.</translation>
    </message>
    <message>
        <source>(no issuer)</source>
        <translation>(geen uitgever)</translation>
    </message>
    <message>
        <source>Nothing to add yet.</source>
        <translation>Nog niets om toe te voegen.</translation>
    </message>
    <message>
        <source>Will be added:</source>
        <translation>Wordt toegevoegd:</translation>
    </message>
    <message>
        <source>&amp;Add %1 Accounts</source>
        <translation>%1 accounts &amp;toevoegen</translation>
    </message>
    <message>
        <source>&amp;Add Account</source>
        <translation>Account &amp;toevoegen</translation>
    </message>
    <message>
        <source>Dropped picture</source>
        <translation>Neergezette afbeelding</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>De camera wordt geopend…</translation>
    </message>
    <message>
        <source>The webcam scanner could not be loaded (%1). Reinstall Twofold, or add the account from an image, the screen or by typing the key.</source>
        <translation>De webcamscanner kon niet worden geladen (%1). Installeer Twofold opnieuw, of voeg het account toe vanuit een afbeelding, het scherm of door de sleutel te typen.</translation>
    </message>
    <message>
        <source>&amp;Turn On Sign-in Approvals</source>
        <translation>Aanmeldgoedkeuringen &amp;inschakelen</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AdminMode</name>
    <message>
        <source>Your session has ended (%1). Sign in again.</source>
        <translation>Je sessie is beëindigd (%1). Meld je opnieuw aan.</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Afgemeld</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AdminSession</name>
    <message>
        <source>Administrator</source>
        <translation>Beheerder</translation>
    </message>
    <message>
        <source>Helpdesk</source>
        <translation>Helpdesk</translation>
    </message>
    <message>
        <source>Auditor (read only)</source>
        <translation>Auditor (alleen lezen)</translation>
    </message>
    <message>
        <source>Your role (%1) may not do this; ask an administrator.</source>
        <translation>Je rol (%1) mag dit niet doen; vraag het een beheerder.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AdminWindow</name>
    <message>
        <source>Twofold administration — %1</source>
        <translation>Twofold-beheer — %1</translation>
    </message>
    <message>
        <source>&amp;Users</source>
        <translation>Gebr&amp;uikers</translation>
    </message>
    <message>
        <source>OATH &amp;tokens</source>
        <translation>OATH-&amp;tokens</translation>
    </message>
    <message>
        <source>&amp;Fraud alerts</source>
        <translation>F&amp;raudemeldingen</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>Au&amp;ditlogboek</translation>
    </message>
    <message>
        <source>&amp;Outbox</source>
        <translation>Uitg&amp;aand</translation>
    </message>
    <message>
        <source>A&amp;pplications</source>
        <translation>A&amp;pplicaties</translation>
    </message>
    <message>
        <source>Po&amp;licy</source>
        <translation>&amp;Beleid</translation>
    </message>
    <message>
        <source>Your role (%1) may not see this.</source>
        <translation>Je rol (%1) mag dit niet zien.</translation>
    </message>
    <message>
        <source>&amp;Fraud alerts (%1 new)</source>
        <translation>F&amp;raudemeldingen (%1 nieuw)</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Af&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ga naar</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2 · %3</source>
        <translation>Aangemeld bij %1 als %2 · %3</translation>
    </message>
    <message>
        <source>Signed-in server and role</source>
        <translation>Server waarbij je bent aangemeld en je rol</translation>
    </message>
</context>
<context>
    <name>twofold::ui::ApplicationsPage</name>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Integration key</source>
        <translation>Integratiesleutel</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>&amp;New application…</source>
        <translation>&amp;Nieuwe applicatie…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>Applications</source>
        <translation>Applicaties</translation>
    </message>
    <message>
        <source>No application verifies sign-ins yet. Add one with New application… and put its keys in its configuration.</source>
        <translation>Nog geen applicatie verifieert aanmeldingen. Voeg er een toe met Nieuwe applicatie… en zet de sleutels in de configuratie ervan.</translation>
    </message>
    <message>
        <source>New application</source>
        <translation>Nieuwe applicatie</translation>
    </message>
    <message>
        <source>&amp;Name, as administrators will recognise it:</source>
        <translation>&amp;Naam, zoals beheerders de applicatie zullen herkennen:</translation>
    </message>
    <message>
        <source>Application %1 was added.</source>
        <translation>Applicatie %1 is toegevoegd.</translation>
    </message>
    <message>
        <source>Keys of %1</source>
        <translation>Sleutels van %1</translation>
    </message>
    <message>
        <source>Integration key:</source>
        <translation>Integratiesleutel:</translation>
    </message>
    <message>
        <source>Copy &amp;integration key</source>
        <translation>&amp;Integratiesleutel kopiëren</translation>
    </message>
    <message>
        <source>Secret key:</source>
        <translation>Geheime sleutel:</translation>
    </message>
    <message>
        <source>Copy &amp;secret key</source>
        <translation>&amp;Geheime sleutel kopiëren</translation>
    </message>
    <message>
        <source>API host:</source>
        <translation>API-host:</translation>
    </message>
    <message>
        <source>Copy API &amp;host</source>
        <translation>API-&amp;host kopiëren</translation>
    </message>
    <message>
        <source>The secret key is shown only now; store it in the application&apos;s configuration.</source>
        <translation>De geheime sleutel wordt alleen nu getoond; sla hem op in de configuratie van de applicatie.</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 verwijderen?</translation>
    </message>
    <message>
        <source>Delete the application %1? It can no longer verify sign-ins, and its keys cannot be restored: a new application gets new keys.</source>
        <translation>De applicatie %1 verwijderen? Ze kan dan geen aanmeldingen meer verifiëren, en haar sleutels kunnen niet worden hersteld: een nieuwe applicatie krijgt nieuwe sleutels.</translation>
    </message>
    <message>
        <source>Application %1 was deleted.</source>
        <translation>Applicatie %1 is verwijderd.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::ApprovalDialog</name>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Goedkeuren</translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation>&amp;Weigeren</translation>
    </message>
    <message>
        <source>I did&amp;n&apos;t try to sign in</source>
        <translation>Ik heb &amp;niet geprobeerd me aan te melden</translation>
    </message>
    <message>
        <source>Sign-in request — %1</source>
        <translation>Aanmeldverzoek — %1</translation>
    </message>
    <message>
        <source>Are you signing in to %1?</source>
        <translation>Probeer je je aan te melden bij %1?</translation>
    </message>
    <message>
        <source>User: %1
Server: %2
From address: %3
Requested: %4</source>
        <translation>Gebruiker: %1
Server: %2
Vanaf adres: %3
Aangevraagd: %4</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
    <message>
        <source>Number shown on the sign-in screen</source>
        <translation>Nummer dat op het aanmeldscherm staat</translation>
    </message>
    <message>
        <source>Type the &amp;number shown on the sign-in screen:</source>
        <translation>&amp;Typ het nummer dat op het aanmeldscherm staat:</translation>
    </message>
    <message>
        <source>This request has expired. If you are signing in, start again.</source>
        <translation>Dit verzoek is verlopen. Als je je aan het aanmelden bent, begin dan opnieuw.</translation>
    </message>
    <message>
        <source>Expires in %1:%2</source>
        <translation>Verloopt over %1:%2</translation>
    </message>
    <message>
        <source>Type the number that the sign-in screen shows first.</source>
        <translation>Typ eerst het nummer dat het aanmeldscherm toont.</translation>
    </message>
    <message>
        <source>Report a sign-in you did not start?</source>
        <translation>Een aanmelding melden die je niet zelf bent begonnen?</translation>
    </message>
    <message>
        <source>The request is denied, your account on %1 is blocked so that nobody can keep trying, and your helpdesk is told. Do this when someone else may know your password.</source>
        <translation>Het verzoek wordt geweigerd, je account op %1 wordt geblokkeerd zodat niemand het kan blijven proberen, en je helpdesk wordt ingelicht. Doe dit als iemand anders misschien je wachtwoord kent.</translation>
    </message>
    <message>
        <source>Sending your answer…</source>
        <translation>Je antwoord wordt verstuurd…</translation>
    </message>
</context>
<context>
    <name>twofold::ui::AuditPage</name>
    <message>
        <source>Seq</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Uitvoerder</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Van:</translation>
    </message>
    <message>
        <source>From time</source>
        <translation>Begintijd</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <source>To time</source>
        <translation>Eindtijd</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <source>Load &amp;older</source>
        <translation>&amp;Oudere laden</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Keten controleren</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exporteren…</translation>
    </message>
    <message>
        <source>user name, token serial, application key…</source>
        <translation>gebruikersnaam, serienummer van token, applicatiesleutel…</translation>
    </message>
    <message>
        <source>such as user.block or verify.passcode</source>
        <translation>zoals user.block of verify.passcode</translation>
    </message>
    <message>
        <source>such as admin:alice</source>
        <translation>zoals admin:alice</translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation>O&amp;nderwerp:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Actie:</translation>
    </message>
    <message>
        <source>A&amp;ctor:</source>
        <translation>&amp;Uitvoerder:</translation>
    </message>
    <message>
        <source>Audit log entries, newest first</source>
        <translation>Items van het auditlogboek, nieuwste eerst</translation>
    </message>
    <message>
        <source>Your role (%1) may not read the audit log.</source>
        <translation>Je rol (%1) mag het auditlogboek niet lezen.</translation>
    </message>
    <message>
        <source>The From time is after the To time. Change one of them.</source>
        <translation>De begintijd ligt na de eindtijd. Wijzig een van beide.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>No entry matches. Clear a filter or widen the time range, then search again.</source>
        <translation>Geen item komt overeen. Wis een filter of maak de periode ruimer, en zoek dan opnieuw.</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; Load older shows more.</source>
        <translation>
            <numerusform>%n item getoond; Oudere laden toont er meer.</numerusform>
            <numerusform>%n items getoond; Oudere laden toont er meer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; these are all that match.</source>
        <translation>
            <numerusform>%n item getoond; meer items komen niet overeen.</numerusform>
            <numerusform>%n items getoond; meer items komen niet overeen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking every entry of the audit log…</source>
        <translation>Alle items van het auditlogboek worden gecontroleerd…</translation>
    </message>
    <message>
        <source>The audit log is intact: all %1 entries are unchanged.</source>
        <translation>Het auditlogboek is intact: alle %1 items zijn ongewijzigd.</translation>
    </message>
    <message>
        <source>The audit log has been tampered with: %1 Keep a copy of the database and tell whoever is responsible for security.</source>
        <translation>Er is met het auditlogboek geknoeid: %1 Bewaar een kopie van de database en waarschuw wie verantwoordelijk is voor de beveiliging.</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Het auditlogboek exporteren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Could not write %1: %2. Choose another folder.</source>
        <translation>%1 kan niet worden geschreven: %2. Kies een andere map.</translation>
    </message>
    <message>
        <source>Saved the matching entries to %1.</source>
        <translation>De overeenkomende items zijn opgeslagen in %1.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::CameraScanner</name>
    <message>
        <source>&amp;Mirror the picture</source>
        <translation>Beeld &amp;spiegelen</translation>
    </message>
    <message>
        <source>C&amp;amera:</source>
        <translation>C&amp;amera:</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Mirror the picture</source>
        <translation>Beeld spiegelen</translation>
    </message>
    <message>
        <source>Show the picture as a mirror does, which makes it easier to aim a front camera. Scanning works either way.</source>
        <translation>Toon het beeld zoals een spiegel dat doet; zo richt je een voorcamera makkelijker. Scannen werkt in beide gevallen.</translation>
    </message>
    <message>
        <source>Camera picture</source>
        <translation>Camerabeeld</translation>
    </message>
    <message>
        <source>Hold the QR code up to the camera.</source>
        <translation>Houd de QR-code voor de camera.</translation>
    </message>
    <message>
        <source>Scanner status</source>
        <translation>Status van de scanner</translation>
    </message>
    <message>
        <source>Keep looking for the account&apos;s code.</source>
        <translation>Blijf zoeken naar de code van het account.</translation>
    </message>
    <message>
        <source>No camera found. Add the account from an image, the screen or by typing the key.</source>
        <translation>Geen camera gevonden. Voeg het account toe vanuit een afbeelding, het scherm of door de sleutel te typen.</translation>
    </message>
    <message>
        <source>No camera</source>
        <translation>Geen camera</translation>
    </message>
    <message>
        <source>Looking for a QR code…</source>
        <translation>Zoeken naar een QR-code…</translation>
    </message>
    <message>
        <source>The camera could not be used: %1. Check that no other program is using it and that Twofold is allowed to use the camera, or add the account from an image or the screen.</source>
        <translation>De camera kan niet worden gebruikt: %1. Controleer dat geen ander programma hem gebruikt en dat Twofold de camera mag gebruiken, of voeg het account toe vanuit een afbeelding of het scherm.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>onbekende fout</translation>
    </message>
    <message>
        <source>Found an account code.</source>
        <translation>Accountcode gevonden.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::ConnectDialog</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Aanmelden</translation>
    </message>
    <message>
        <source>Start a &amp;local server for evaluation</source>
        <translation>Een &amp;lokale server voor evaluatie starten</translation>
    </message>
    <message>
        <source>Sign in to a Twofold server</source>
        <translation>Aanmelden bij een Twofold-server</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradres</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Code from your authenticator</source>
        <translation>Code uit je authenticator</translation>
    </message>
    <message>
        <source>6 digits</source>
        <translation>6 cijfers</translation>
    </message>
    <message>
        <source>Se&amp;rver:</source>
        <translation>Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Runs twofold-server on this computer, on loopback only, with its own data folder, and signs you in as its administrator.</source>
        <translation>Draait twofold-server op deze computer, alleen op loopback, met een eigen gegevensmap, en meldt je aan als beheerder ervan.</translation>
    </message>
    <message>
        <source>Sign in with your administrator password and the 6-digit code from your authenticator app.</source>
        <translation>Meld je aan met je beheerderswachtwoord en de code van 6 cijfers uit je authenticator-app.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address, for example https://mfa.example.org:8443.</source>
        <translation>Voer het adres van de server in, bijvoorbeeld https://mfa.example.org:8443.</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>Voer je gebruikersnaam en wachtwoord in.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>Voer de code van 6 cijfers uit je authenticator-app in.</translation>
    </message>
    <message>
        <source>Signing in to %1…</source>
        <translation>Aanmelden bij %1…</translation>
    </message>
    <message>
        <source>Trust this server?</source>
        <translation>Deze server vertrouwen?</translation>
    </message>
    <message>
        <source>This is your first connection to %1. Its certificate&apos;s SHA-256 fingerprint is:

%2

Trust it only if it is the fingerprint that twofold-server printed when it was set up.</source>
        <translation>Dit is je eerste verbinding met %1. De SHA-256-vingerafdruk van het certificaat is:

%2

Vertrouw hem alleen als het de vingerafdruk is die twofold-server toonde toen hij werd ingesteld.</translation>
    </message>
    <message>
        <source>&amp;Trust and sign in</source>
        <translation>&amp;Vertrouwen en aanmelden</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed</source>
        <translation>Het certificaat van de server is gewijzigd</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before.

Trusted:
%2

Presented now:
%3

If its administrator replaced the certificate, you can trust the new one. Otherwise someone may be intercepting the connection: do not sign in.</source>
        <translation>Het certificaat van %1 is niet het certificaat dat je eerder hebt vertrouwd.

Vertrouwd:
%2

Nu aangeboden:
%3

Als de beheerder het certificaat heeft vervangen, kun je het nieuwe vertrouwen. Anders onderschept iemand misschien de verbinding: meld je dan niet aan.</translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation>Het nieuwe certificaat &amp;vertrouwen</translation>
    </message>
    <message>
        <source>Starting the local server…</source>
        <translation>De lokale server wordt gestart…</translation>
    </message>
</context>
<context>
    <name>twofold::ui::EditAccountDialog</name>
    <message>
        <source>Edit account</source>
        <translation>Account bewerken</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Accountnaam</translation>
    </message>
    <message>
        <source>The service, e.g. GitHub</source>
        <translation>De dienst, bijv. GitHub</translation>
    </message>
    <message>
        <source>Your user name or email there</source>
        <translation>Je gebruikersnaam of e-mailadres daar</translation>
    </message>
    <message>
        <source>&amp;Issuer:</source>
        <translation>&amp;Uitgever:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>No group</source>
        <translation>Geen groep</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Groep:</translation>
    </message>
    <message>
        <source>Issuer&apos;s initial</source>
        <translation>Beginletter van de uitgever</translation>
    </message>
    <message>
        <source>Icon</source>
        <translation>Pictogram</translation>
    </message>
    <message>
        <source>I&amp;con:</source>
        <translation>&amp;Pictogram:</translation>
    </message>
</context>
<context>
    <name>twofold::ui::EnrollmentWizard</name>
    <message>
        <source>6 digits</source>
        <translation>6 cijfers</translation>
    </message>
    <message>
        <source>Enroll %1</source>
        <translation>%1 registreren</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <source>Reading the policy…</source>
        <translation>Het beleid wordt gelezen…</translation>
    </message>
    <message>
        <source>How will %1 verify sign-ins? Only the methods that the policy allows for this user&apos;s group are offered.</source>
        <translation>Hoe verifieert %1 aanmeldingen? Alleen de methoden die het beleid voor de groep van deze gebruiker toestaat, worden aangeboden.</translation>
    </message>
    <message>
        <source>&amp;Authenticator app: a QR code to scan, then a first code</source>
        <translation>&amp;Authenticator-app: een QR-code om te scannen, daarna een eerste code</translation>
    </message>
    <message>
        <source>&amp;Push sign-in approval on a desktop running Twofold</source>
        <translation>&amp;Pushgoedkeuring van aanmeldingen op een desktop met Twofold</translation>
    </message>
    <message>
        <source>&amp;Hardware OATH token that was imported</source>
        <translation>&amp;Hardware-OATH-token dat is geïmporteerd</translation>
    </message>
    <message>
        <source>Phone: &amp;SMS codes and voice calls</source>
        <translation>Telefoon: &amp;sms-codes en spraakoproepen</translation>
    </message>
    <message>
        <source>The policy allows no method for this user&apos;s group. An administrator can allow one under Policy.</source>
        <translation>Het beleid staat geen enkele methode toe voor de groep van deze gebruiker. Een beheerder kan er een toestaan onder Beleid.</translation>
    </message>
    <message>
        <source>Scan this QR code with an authenticator app (Twofold, Microsoft Authenticator, Google Authenticator…), or type the key below.</source>
        <translation>Scan deze QR-code met een authenticator-app (Twofold, Microsoft Authenticator, Google Authenticator…), of typ de sleutel hieronder.</translation>
    </message>
    <message>
        <source>QR code for the authenticator app</source>
        <translation>QR-code voor de authenticator-app</translation>
    </message>
    <message>
        <source>Key to type by hand</source>
        <translation>Sleutel om met de hand te typen</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>Af&amp;drukken…</translation>
    </message>
    <message>
        <source>Save as PNG or P&amp;DF…</source>
        <translation>Opslaan als PNG of P&amp;DF…</translation>
    </message>
    <message>
        <source>First code from the app</source>
        <translation>Eerste code uit de app</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Controleren</translation>
    </message>
    <message>
        <source>&amp;Enter the first code the app shows:</source>
        <translation>Voer de &amp;eerste code in die de app toont:</translation>
    </message>
    <message>
        <source>Creating the key…</source>
        <translation>De sleutel wordt gemaakt…</translation>
    </message>
    <message>
        <source>The app code becomes active when its first code is verified.</source>
        <translation>De app-code wordt actief zodra de eerste code is gecontroleerd.</translation>
    </message>
    <message>
        <source>Enter the code that the app shows now.</source>
        <translation>Voer de code in die de app nu toont.</translation>
    </message>
    <message>
        <source>Verified: the app code is active.</source>
        <translation>Gecontroleerd: de app-code is actief.</translation>
    </message>
    <message>
        <source>That code is not right. Check that the app shows this account and that the computer&apos;s clock is correct, then enter the current code.</source>
        <translation>Die code klopt niet. Controleer of de app dit account toont en of de klok van de computer juist staat, en voer dan de huidige code in.</translation>
    </message>
    <message>
        <source>Save the QR code</source>
        <translation>De QR-code opslaan</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF (*.pdf)</source>
        <translation>PNG-afbeelding (*.png);;PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved %1. It holds the key: delete it once the code is scanned.</source>
        <translation>%1 is opgeslagen. Het bestand bevat de sleutel: verwijder het zodra de code is gescand.</translation>
    </message>
    <message>
        <source>Could not save %1.</source>
        <translation>%1 kan niet worden opgeslagen.</translation>
    </message>
    <message>
        <source>Push activation QR code</source>
        <translation>QR-code voor pushactivering</translation>
    </message>
    <message>
        <source>&amp;New activation code</source>
        <translation>&amp;Nieuwe activeringscode</translation>
    </message>
    <message>
        <source>Creating an activation code…</source>
        <translation>Er wordt een activeringscode gemaakt…</translation>
    </message>
    <message>
        <source>This activation code has expired. Make a new one.</source>
        <translation>Deze activeringscode is verlopen. Maak een nieuwe.</translation>
    </message>
    <message>
        <source>Expires in %1:%2</source>
        <translation>Verloopt over %1:%2</translation>
    </message>
    <message>
        <source>Pick an unassigned token by the serial number printed on it, then press its button and enter the code it shows.</source>
        <translation>Kies een niet-toegewezen token aan de hand van het serienummer dat erop staat, druk dan op de knop ervan en voer de code in die het toont.</translation>
    </message>
    <message>
        <source>Search by serial number</source>
        <translation>Zoeken op serienummer</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serienummer</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Unassigned tokens</source>
        <translation>Niet-toegewezen tokens</translation>
    </message>
    <message>
        <source>Code shown by the token</source>
        <translation>Code die het token toont</translation>
    </message>
    <message>
        <source>&amp;Code shown by the token:</source>
        <translation>C&amp;ode die het token toont:</translation>
    </message>
    <message>
        <source>&amp;Assign and activate</source>
        <translation>Toewijzen en &amp;activeren</translation>
    </message>
    <message>
        <source>No unassigned token matches. Import tokens under OATH tokens first.</source>
        <translation>Geen niet-toegewezen token komt overeen. Importeer eerst tokens onder OATH-tokens.</translation>
    </message>
    <message>
        <source>Pick a token first.</source>
        <translation>Kies eerst een token.</translation>
    </message>
    <message>
        <source>Enter the code that the token shows.</source>
        <translation>Voer de code in die het token toont.</translation>
    </message>
    <message>
        <source>Token %1 is assigned and active.</source>
        <translation>Token %1 is toegewezen en actief.</translation>
    </message>
    <message>
        <source>Sign-in codes go to this number by SMS, and voice calls ask to press # (or the PIN and #).</source>
        <translation>Aanmeldcodes gaan per sms naar dit nummer, en spraakoproepen vragen om op # te drukken (of de pincode en #).</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefoonnummer</translation>
    </message>
    <message>
        <source>optional, 4 to 8 digits</source>
        <translation>optioneel, 4 tot 8 cijfers</translation>
    </message>
    <message>
        <source>PIN for voice calls</source>
        <translation>Pincode voor spraakoproepen</translation>
    </message>
    <message>
        <source>&amp;Phone number:</source>
        <translation>&amp;Telefoonnummer:</translation>
    </message>
    <message>
        <source>&amp;PIN for voice calls:</source>
        <translation>P&amp;incode voor spraakoproepen:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Op&amp;slaan</translation>
    </message>
    <message>
        <source>Send a &amp;test SMS</source>
        <translation>Test-sms ve&amp;rsturen</translation>
    </message>
    <message>
        <source>Saved. Send a test SMS to check the number.</source>
        <translation>Opgeslagen. Verstuur een test-sms om het nummer te controleren.</translation>
    </message>
    <message>
        <source>A test SMS with a code was sent. With the outbox provider it is under Outbox.</source>
        <translation>Er is een test-sms met een code verstuurd. Met de outbox-provider staat hij onder Uitgaand.</translation>
    </message>
    <message>
        <source>On the user&apos;s desktop, in Twofold, choose Add account and scan this code from the Camera or Screen tab. It works once.</source>
        <translation>Kies op de desktop van de gebruiker in Twofold Account toevoegen en scan deze code via het tabblad Camera of Scherm. Hij werkt één keer.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::ExportDialog</name>
    <message>
        <source>Export accounts</source>
        <translation>Accounts exporteren</translation>
    </message>
    <message>
        <source>Write your account to a file, to keep as a backup or to move it to another app.</source>
        <translation>Schrijf je account naar een bestand, om als reservekopie te bewaren of om het naar een andere app over te zetten.</translation>
    </message>
    <message numerus="yes">
        <source>Write all %n accounts to a file, to keep as a backup or to move them to another app.</source>
        <translation>
            <numerusform>Schrijf %n account naar een bestand, om als reservekopie te bewaren of om het naar een andere app over te zetten.</numerusform>
            <numerusform>Schrijf alle %n accounts naar een bestand, om als reservekopie te bewaren of om ze naar een andere app over te zetten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Twofold backup (encrypted)</source>
        <translation>Twofold-reservekopie (versleuteld)</translation>
    </message>
    <message>
        <source>Aegis vault (encrypted)</source>
        <translation>Aegis-kluis (versleuteld)</translation>
    </message>
    <message>
        <source>Aegis vault (not encrypted)</source>
        <translation>Aegis-kluis (niet versleuteld)</translation>
    </message>
    <message>
        <source>Plain list of otpauth links (not encrypted)</source>
        <translation>Gewone lijst met otpauth-links (niet versleuteld)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formaat:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Wachtwoord herhalen</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Herhalen:</translation>
    </message>
    <message>
        <source>Password hint</source>
        <translation>Toelichting bij het wachtwoord</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Waarschuwing</translation>
    </message>
    <message>
        <source>This file is not encrypted. Your secrets are in it as plain text: anyone who gets it, from a synced folder, a backup disk or a lost USB stick, can make your codes. Import it where it is going, then delete it.</source>
        <translation>Dit bestand is niet versleuteld. Je geheime sleutels staan er als gewone tekst in: iedereen die het in handen krijgt, uit een gesynchroniseerde map, van een schijf met reservekopieën of van een verloren USB-stick, kan je codes maken. Importeer het waar het heen moet en verwijder het daarna.</translation>
    </message>
    <message>
        <source>I &amp;understand that anyone who gets this file can make my codes</source>
        <translation>Ik &amp;begrijp dat iedereen die dit bestand in handen krijgt mijn codes kan maken</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>Restore it in Twofold on this or another computer with File → Import a backup.</source>
        <translation>Zet hem terug in Twofold op deze of een andere computer met Bestand → Reservekopie importeren.</translation>
    </message>
    <message>
        <source>Aegis Authenticator on Android imports this file; so does Twofold.</source>
        <translation>Aegis Authenticator op Android kan dit bestand importeren, en Twofold ook.</translation>
    </message>
    <message>
        <source>One otpauth:// link per line, which most authenticator apps and password managers can import.</source>
        <translation>Eén otpauth://-link per regel, die de meeste authenticator-apps en wachtwoordmanagers kunnen importeren.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>De wachtwoorden komen niet overeen.</translation>
    </message>
    <message>
        <source>You need this password to open the file. Nobody can recover it for you, so keep it somewhere safe.</source>
        <translation>Je hebt dit wachtwoord nodig om het bestand te openen. Niemand kan het voor je herstellen, dus bewaar het op een veilige plek.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporteren…</translation>
    </message>
    <message>
        <source>Twofold backups (*.twofold)</source>
        <translation>Twofold-reservekopieën (*.twofold)</translation>
    </message>
    <message>
        <source>Aegis vaults (*.json)</source>
        <translation>Aegis-kluizen (*.json)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tekstbestanden (*.txt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle bestanden (*)</translation>
    </message>
    <message>
        <source>The accounts could not be exported: %1</source>
        <translation>De accounts kunnen niet worden geëxporteerd: %1</translation>
    </message>
    <message>
        <source>%1 could not be written (%2). Choose another folder, or check that you may write there and that the disk has room.</source>
        <translation>%1 kan niet worden geschreven (%2). Kies een andere map, of controleer of je daar mag schrijven en of de schijf genoeg ruimte heeft.</translation>
    </message>
    <message>
        <source>Exported 1 account to %1.</source>
        <translation>1 account geëxporteerd naar %1.</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n accounts to %1.</source>
        <translation>
            <numerusform>%n account geëxporteerd naar %1.</numerusform>
            <numerusform>%n accounts geëxporteerd naar %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>twofold::ui::FirstStartDialog</name>
    <message>
        <source>System &amp;keychain — unlocks when you sign in to this computer</source>
        <translation>Systeem&amp;sleutelhanger — ontgrendelt als je je aanmeldt op deze computer</translation>
    </message>
    <message>
        <source>A &amp;password — you type it to unlock</source>
        <translation>Een &amp;wachtwoord — je typt het om te ontgrendelen</translation>
    </message>
    <message>
        <source>&amp;Both — the keychain, with the password as a fallback</source>
        <translation>&amp;Beide — de sleutelhanger, met het wachtwoord als reserve</translation>
    </message>
    <message>
        <source>Checking for a system keychain…</source>
        <translation>Zoeken naar een systeemsleutelhanger…</translation>
    </message>
    <message>
        <source>Protect your accounts</source>
        <translation>Beveilig je accounts</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Twofold.&lt;/b&gt;&lt;br&gt;Your accounts are kept in an encrypted vault on this computer. How should it be unlocked?</source>
        <translation>&lt;b&gt;Welkom bij Twofold.&lt;/b&gt;&lt;br&gt;Je accounts worden bewaard in een versleutelde kluis op deze computer. Hoe moet die worden ontgrendeld?</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>Herhaal het wachtwoord</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Wacht&amp;woord:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Herhalen:</translation>
    </message>
    <message>
        <source>There is no way to recover a forgotten password. Keep an encrypted backup (File → Export) somewhere safe.</source>
        <translation>Een vergeten wachtwoord is niet te herstellen. Bewaar een versleutelde reservekopie (Bestand → Exporteren) op een veilige plek.</translation>
    </message>
    <message>
        <source>Create &amp;vault</source>
        <translation>&amp;Kluis maken</translation>
    </message>
    <message>
        <source>A system keychain is available.</source>
        <translation>Er is een systeemsleutelhanger beschikbaar.</translation>
    </message>
    <message>
        <source>No system keychain is available here (%1). Choose a password; you can add the keychain later in Settings once one is running.</source>
        <translation>Hier is geen systeemsleutelhanger beschikbaar (%1). Kies een wachtwoord; je kunt de sleutelhanger later toevoegen in Instellingen zodra er een draait.</translation>
    </message>
    <message numerus="yes">
        <source>Use at least %n characters for the password.</source>
        <translation>
            <numerusform>Gebruik minstens %n teken voor het wachtwoord.</numerusform>
            <numerusform>Gebruik minstens %n tekens voor het wachtwoord.</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords are not the same. Type them again.</source>
        <translation>De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::FraudPage</name>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <source>Application or source</source>
        <translation>Applicatie of bron</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-adres</translation>
    </message>
    <message>
        <source>Transaction</source>
        <translation>Transactie</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Afgehandeld</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nee</translation>
    </message>
    <message>
        <source>&amp;Unblock user</source>
        <translation>Gebruiker &amp;deblokkeren</translation>
    </message>
    <message>
        <source>Fraud alerts, newest first</source>
        <translation>Fraudemeldingen, nieuwste eerst</translation>
    </message>
    <message>
        <source>No fraud alert so far. New alerts appear here as users report them.</source>
        <translation>Nog geen fraudemeldingen. Nieuwe meldingen verschijnen hier zodra gebruikers ze doen.</translation>
    </message>
    <message>
        <source>New alerts appear at the top as users report them. Unblock a user once you have checked with them that they are safe.</source>
        <translation>Nieuwe meldingen verschijnen bovenaan zodra gebruikers ze doen. Deblokkeer een gebruiker pas als je bij hem of haar hebt nagegaan dat alles veilig is.</translation>
    </message>
    <message numerus="yes">
        <source>%n new alert(s) at the top.</source>
        <translation>
            <numerusform>%n nieuwe melding bovenaan.</numerusform>
            <numerusform>%n nieuwe meldingen bovenaan.</numerusform>
        </translation>
    </message>
    <message>
        <source>New alerts cannot be followed: %1 Trying again in a few seconds.</source>
        <translation>Nieuwe meldingen kunnen niet worden gevolgd: %1 Over een paar seconden wordt het opnieuw geprobeerd.</translation>
    </message>
    <message>
        <source>%1 is unblocked and can sign in again.</source>
        <translation>%1 is gedeblokkeerd en kan zich weer aanmelden.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::ImportDialog</name>
    <message>
        <source>Time-based</source>
        <translation>Tijdgebaseerd</translation>
    </message>
    <message>
        <source>Counter-based</source>
        <translation>Tellergebaseerd</translation>
    </message>
    <message>
        <source>Steam</source>
        <translation>Steam</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Ontgrendelen</translation>
    </message>
    <message>
        <source>Import Accounts</source>
        <translation>Accounts importeren</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Te importeren bestand</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Geen bestand gekozen</translation>
    </message>
    <message>
        <source>&amp;Choose File…</source>
        <translation>Bestand &amp;kiezen…</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>Kies het te importeren bestand</translation>
    </message>
    <message>
        <source>Detected format</source>
        <translation>Herkende indeling</translation>
    </message>
    <message>
        <source>Password of the export</source>
        <translation>Wachtwoord van de export</translation>
    </message>
    <message>
        <source>Unlock the export</source>
        <translation>De export ontgrendelen</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Accounts to import</source>
        <translation>Te importeren accounts</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>Import the accounts</source>
        <translation>De accounts importeren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Import accounts from Aegis, 2FAS, andOTP, Bitwarden, FreeOTP+, Google Authenticator or a Twofold backup.</source>
        <translation>Importeer accounts uit Aegis, 2FAS, andOTP, Bitwarden, FreeOTP+, Google Authenticator of een reservekopie van Twofold.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Bestand:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Indeling:</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>Kies eerst een bestand.</translation>
    </message>
    <message>
        <source>Choose the Export to Import</source>
        <translation>Kies de te importeren export</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Onbekend</translation>
    </message>
    <message>
        <source>This file is too large to be an authenticator export.</source>
        <translation>Dit bestand is te groot om een export van een authenticator te zijn.</translation>
    </message>
    <message>
        <source>The file could not be opened: %1</source>
        <translation>Het bestand kan niet worden geopend: %1</translation>
    </message>
    <message>
        <source>Twofold does not recognise this file. It can import: %1.</source>
        <translation>Twofold herkent dit bestand niet. Het kan importeren: %1.</translation>
    </message>
    <message>
        <source>This export is encrypted. Type the password it was saved with.</source>
        <translation>Deze export is versleuteld. Typ het wachtwoord waarmee hij is opgeslagen.</translation>
    </message>
    <message>
        <source>Unlocking… this takes a moment.</source>
        <translation>Ontgrendelen… dit duurt even.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lezen…</translation>
    </message>
    <message>
        <source>The password is wrong. Check it and try again.</source>
        <translation>Het wachtwoord is onjuist. Controleer het en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The file could not be imported: %1</source>
        <translation>Het bestand kan niet worden geïmporteerd: %1</translation>
    </message>
    <message>
        <source>The file holds no accounts.</source>
        <translation>Het bestand bevat geen accounts.</translation>
    </message>
    <message>
        <source>%1: 1 account found.</source>
        <translation>%1: 1 account gevonden.</translation>
    </message>
    <message>
        <source>%1: %2 accounts found.</source>
        <translation>%1: %2 accounts gevonden.</translation>
    </message>
    <message>
        <source>(no issuer)</source>
        <translation>(geen uitgever)</translation>
    </message>
    <message>
        <source>Nothing to import yet.</source>
        <translation>Nog niets om te importeren.</translation>
    </message>
    <message>
        <source>Will be imported:</source>
        <translation>Wordt geïmporteerd:</translation>
    </message>
</context>
<context>
    <name>twofold::ui::LocalServer</name>
    <message>
        <source>twofold-server stopped before it was ready (exit status %1): %2</source>
        <translation>twofold-server is gestopt voordat hij klaar was (afsluitstatus %1): %2</translation>
    </message>
    <message>
        <source>twofold-server could not be started: %1</source>
        <translation>twofold-server kan niet worden gestart: %1</translation>
    </message>
    <message>
        <source>twofold-server is not installed. Install the twofold-server package, or set TWOFOLD_SERVER_PROGRAM to its path.</source>
        <translation>twofold-server is niet geïnstalleerd. Installeer het pakket twofold-server, of zet TWOFOLD_SERVER_PROGRAM op het pad ervan.</translation>
    </message>
    <message>
        <source>%1 holds a server that was not set up by Twofold&apos;s admin mode; sign in to it with its own administrator instead.</source>
        <translation>%1 bevat een server die niet door de beheermodus van Twofold is ingesteld; meld je daar aan met de eigen beheerder van die server.</translation>
    </message>
    <message>
        <source>Setting up the local server failed: %1</source>
        <translation>Het instellen van de lokale server is mislukt: %1</translation>
    </message>
    <message>
        <source>Cannot save the local server&apos;s administrator in %1: %2</source>
        <translation>De beheerder van de lokale server kan niet worden opgeslagen in %1: %2</translation>
    </message>
    <message>
        <source>The local server&apos;s set-up in %1 is incomplete. Move that folder away to start a new local server.</source>
        <translation>De instelling van de lokale server in %1 is onvolledig. Verplaats die map om een nieuwe lokale server te starten.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::LockView</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Ontgrendelen</translation>
    </message>
    <message>
        <source>Unlock with the system &amp;keychain</source>
        <translation>Ontgrendelen met de systeem&amp;sleutelhanger</translation>
    </message>
    <message>
        <source>Twofold is locked</source>
        <translation>Twofold is vergrendeld</translation>
    </message>
    <message>
        <source>Your codes are hidden. Enter your password to see them.</source>
        <translation>Je codes zijn verborgen. Voer je wachtwoord in om ze te zien.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Unlock status</source>
        <translation>Ontgrendelstatus</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Ontgrendelen…</translation>
    </message>
</context>
<context>
    <name>twofold::ui::MainWindow</name>
    <message>
        <source>Twofold</source>
        <translation>Twofold</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>Account &amp;toevoegen…</translation>
    </message>
    <message>
        <source>Add from &amp;pasted link</source>
        <translation>Toevoegen uit &amp;geplakte link</translation>
    </message>
    <message>
        <source>&amp;Import a backup…</source>
        <translation>Reservekopie &amp;importeren…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Vergrendelen</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Instellingen…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Be&amp;werken</translation>
    </message>
    <message>
        <source>&amp;Copy code</source>
        <translation>Code &amp;kopiëren</translation>
    </message>
    <message>
        <source>&amp;Next code (counter-based)</source>
        <translation>&amp;Volgende code (tellergebaseerd)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>&amp;Edit account…</source>
        <translation>Account &amp;bewerken…</translation>
    </message>
    <message>
        <source>F2</source>
        <translation>F2</translation>
    </message>
    <message>
        <source>&amp;Pin to top</source>
        <translation>Bovenaan &amp;vastzetten</translation>
    </message>
    <message>
        <source>Ctrl+P</source>
        <translation>Ctrl+P</translation>
    </message>
    <message>
        <source>&amp;Delete account…</source>
        <translation>Account &amp;verwijderen…</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>Verwijderen &amp;ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>Sort by &amp;name</source>
        <translation>Sorteren op &amp;naam</translation>
    </message>
    <message>
        <source>Sort by &amp;issuer</source>
        <translation>Sorteren op &amp;uitgever</translation>
    </message>
    <message>
        <source>Sort by &amp;most used</source>
        <translation>Sorteren op &amp;meest gebruikt</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Twofold</source>
        <translation>&amp;Over Twofold</translation>
    </message>
    <message>
        <source>About Twofold</source>
        <translation>Over Twofold</translation>
    </message>
    <message>
        <source>&lt;b&gt;Twofold %1&lt;/b&gt;&lt;br&gt;One-time codes for your accounts, kept in an encrypted vault on this computer.</source>
        <translation>&lt;b&gt;Twofold %1&lt;/b&gt;&lt;br&gt;Eenmalige codes voor je accounts, bewaard in een versleutelde kluis op deze computer.</translation>
    </message>
    <message>
        <source>Search accounts (Ctrl+F)</source>
        <translation>Accounts zoeken (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>Accounts zoeken</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Show one group</source>
        <translation>Eén groep tonen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <source>Most used</source>
        <translation>Meest gebruikt</translation>
    </message>
    <message>
        <source>Sort by</source>
        <translation>Sorteren op</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <source>Add an account (Ctrl+N)</source>
        <translation>Een account toevoegen (Ctrl+N)</translation>
    </message>
    <message>
        <source>Add account</source>
        <translation>Account toevoegen</translation>
    </message>
    <message>
        <source>&amp;Add account</source>
        <translation>Account &amp;toevoegen</translation>
    </message>
    <message>
        <source>&amp;Paste link</source>
        <translation>Link &amp;plakken</translation>
    </message>
    <message>
        <source>&amp;Import backup</source>
        <translation>Reservekopie &amp;importeren</translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation>Nog geen accounts</translation>
    </message>
    <message>
        <source>Add one with Ctrl+N, paste an otpauth:// link with Ctrl+V, or import a backup from another authenticator app.</source>
        <translation>Voeg er een toe met Ctrl+N, plak een otpauth://-link met Ctrl+V, of importeer een reservekopie uit een andere authenticator-app.</translation>
    </message>
    <message>
        <source>&amp;Set up Twofold…</source>
        <translation>Twofold &amp;instellen…</translation>
    </message>
    <message>
        <source>Welcome to Twofold</source>
        <translation>Welkom bij Twofold</translation>
    </message>
    <message>
        <source>Twofold keeps your one-time codes in an encrypted vault. Choose how to protect it to begin.</source>
        <translation>Twofold bewaart je eenmalige codes in een versleutelde kluis. Kies eerst hoe je die beveiligt.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <source>&amp;Open the data folder</source>
        <translation>Gegevens&amp;map openen</translation>
    </message>
    <message>
        <source>Your vault could not be opened</source>
        <translation>Je kluis kan niet worden geopend</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Verwijderen ongedaan maken</translation>
    </message>
    <message>
        <source>&amp;Show Twofold</source>
        <translation>Twofold &amp;tonen</translation>
    </message>
    <message>
        <source>%1

The file is %2. If it was damaged, the previous version is kept next to it as %3.bak: close Twofold, rename that backup to the vault&apos;s name, and start again.</source>
        <translation>%1

Het bestand is %2. Als het beschadigd is, staat de vorige versie ernaast als %3.bak: sluit Twofold, geef die reservekopie de naam van de kluis en start opnieuw.</translation>
    </message>
    <message>
        <source>No account matches “%1”. Check the spelling, or press Esc to show all.</source>
        <translation>Geen account past bij “%1”. Controleer de spelling, of druk op Esc om alles te tonen.</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Alle groepen</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Er is niets toegevoegd: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n added, </source>
        <translation>
            <numerusform>%n toegevoegd, </numerusform>
            <numerusform>%n toegevoegd, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n duplicates skipped.</source>
        <translation>
            <numerusform>%n dubbele overgeslagen.</numerusform>
            <numerusform>%n dubbele overgeslagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) added.</source>
        <translation>
            <numerusform>%n account toegevoegd.</numerusform>
            <numerusform>%n accounts toegevoegd.</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no otpauth:// link or QR code. Copy one first, or add the account with Ctrl+N.</source>
        <translation>Op het klembord staat geen otpauth://-link of QR-code. Kopieer er eerst een, of voeg het account toe met Ctrl+N.</translation>
    </message>
    <message>
        <source>No code could be made for this account. Check its secret in Edit.</source>
        <translation>Voor dit account kan geen code worden gemaakt. Controleer de geheime sleutel.</translation>
    </message>
    <message numerus="yes">
        <source>Copied the code for %1. The clipboard is cleared in %n s.</source>
        <translation>
            <numerusform>De code voor %1 is gekopieerd. Het klembord wordt over %n s gewist.</numerusform>
            <numerusform>De code voor %1 is gekopieerd. Het klembord wordt over %n s gewist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the code for %1.</source>
        <translation>De code voor %1 is gekopieerd.</translation>
    </message>
    <message>
        <source>Counter advanced to %1.</source>
        <translation>Teller verhoogd naar %1.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Delete account</source>
        <translation>Account verwijderen</translation>
    </message>
    <message>
        <source>Delete %1?

You can undo this for a few seconds. After that, you need the service&apos;s QR code or recovery codes to add it again.</source>
        <translation>%1 verwijderen?

Dit kun je een paar seconden ongedaan maken. Daarna heb je de QR-code of herstelcodes van de dienst nodig om het opnieuw toe te voegen.</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 verwijderd.</translation>
    </message>
    <message>
        <source>Restored %1.</source>
        <translation>%1 teruggezet.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporteren…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Show &amp;QR code…</source>
        <translation>&amp;QR-code tonen…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Q</source>
        <translation>Ctrl+Shift+Q</translation>
    </message>
    <message>
        <source>Sign-in appro&amp;vals…</source>
        <translation>Aanmeldgoed&amp;keuringen…</translation>
    </message>
    <message>
        <source>Sign-in approvals are not installed (%1). Reinstall Twofold.</source>
        <translation>Aanmeldgoedkeuringen zijn niet geïnstalleerd (%1). Installeer Twofold opnieuw.</translation>
    </message>
    <message>
        <source>Twofold cannot open this link: %1</source>
        <translation>Twofold kan deze link niet openen: %1</translation>
    </message>
    <message>
        <source>Unlock Twofold first, then open the link again.</source>
        <translation>Ontgrendel Twofold eerst en open de link daarna opnieuw.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::OutboxPage</name>
    <message>
        <source>SMS</source>
        <translation>Sms</translation>
    </message>
    <message>
        <source>Voice call</source>
        <translation>Spraakoproep</translation>
    </message>
    <message>
        <source>Ringing: waiting for keys</source>
        <translation>Gaat over: wacht op toetsen</translation>
    </message>
    <message>
        <source>Answered (%1)</source>
        <translation>Beantwoord (%1)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Aan</translation>
    </message>
    <message>
        <source>Text or status</source>
        <translation>Tekst of status</translation>
    </message>
    <message>
        <source>&amp;Answer call</source>
        <translation>Oproep &amp;beantwoorden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>Outbox messages and calls, newest first</source>
        <translation>Uitgaande berichten en oproepen, nieuwste eerst</translation>
    </message>
    <message>
        <source>such as # or 1234#</source>
        <translation>zoals # of 1234#</translation>
    </message>
    <message>
        <source>Keys to press on the call</source>
        <translation>Toetsen om in te drukken tijdens de oproep</translation>
    </message>
    <message>
        <source>&amp;Keypad:</source>
        <translation>&amp;Toetsen:</translation>
    </message>
    <message>
        <source>Refresh (%1)</source>
        <translation>Vernieuwen (%1)</translation>
    </message>
    <message>
        <source>The outbox is empty. Send a test SMS or call to a user, then refresh (F5).</source>
        <translation>Er zijn geen uitgaande berichten. Verstuur een test-sms of -oproep naar een gebruiker en vernieuw dan (F5).</translation>
    </message>
    <message>
        <source>To answer a ringing call, select it, type the keys the user would press and choose Answer call.</source>
        <translation>Om een overgaande oproep te beantwoorden, selecteer je hem, typ je de toetsen die de gebruiker zou indrukken en kies je Oproep beantwoorden.</translation>
    </message>
    <message>
        <source>Select a ringing call first.</source>
        <translation>Selecteer eerst een overgaande oproep.</translation>
    </message>
    <message>
        <source>Type the keys to press, such as # or 1234#.</source>
        <translation>Typ de toetsen om in te drukken, zoals # of 1234#.</translation>
    </message>
    <message>
        <source>The call was answered.</source>
        <translation>De oproep is beantwoord.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::PolicyPage</name>
    <message>
        <source>Authenticator app</source>
        <translation>Authenticator-app</translation>
    </message>
    <message>
        <source>Hardware token</source>
        <translation>Hardwaretoken</translation>
    </message>
    <message>
        <source>Push approval</source>
        <translation>Pushgoedkeuring</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>Sms</translation>
    </message>
    <message>
        <source>Voice call</source>
        <translation>Spraakoproep</translation>
    </message>
    <message>
        <source>&amp;Time steps accepted either side of now:</source>
        <translation>&amp;Tijdstappen toegestaan aan weerszijden van nu:</translation>
    </message>
    <message>
        <source>Counters &amp;looked ahead (HOTP tokens):</source>
        <translation>Teller&amp;waarden vooruit (HOTP-tokens):</translation>
    </message>
    <message>
        <source>Failures in a row before loc&amp;kout:</source>
        <translation>Mislukte pogingen op rij vóór vergrendel&amp;ing:</translation>
    </message>
    <message>
        <source>Lockout m&amp;inutes:</source>
        <translation>Vergrendeling in &amp;minuten:</translation>
    </message>
    <message>
        <source>Days &amp;blocked after a fraud report:</source>
        <translation>&amp;Dagen geblokkeerd na een fraudemelding:</translation>
    </message>
    <message>
        <source>Seconds to &amp;approve a push:</source>
        <translation>Se&amp;conden om een push goed te keuren:</translation>
    </message>
    <message>
        <source>&amp;Pushes per user in the window:</source>
        <translation>&amp;Pushes per gebruiker in het venster:</translation>
    </message>
    <message>
        <source>Push &amp;window in minutes:</source>
        <translation>Push&amp;venster in minuten:</translation>
    </message>
    <message>
        <source>B&amp;ypass codes valid for minutes:</source>
        <translation>Om&amp;zeilcodes geldig in minuten:</translation>
    </message>
    <message>
        <source>SMS codes valid for s&amp;econds:</source>
        <translation>Sms-codes geldig in s&amp;econden:</translation>
    </message>
    <message>
        <source>Block a user &amp;automatically when they report fraud</source>
        <translation>Een gebruiker &amp;automatisch blokkeren als die fraude meldt</translation>
    </message>
    <message>
        <source>&amp;Number matching: the user types the number shown at sign-in</source>
        <translation>&amp;Nummervergelijking: de gebruiker typt het nummer dat bij het aanmelden wordt getoond</translation>
    </message>
    <message>
        <source>Own list for a &amp;group…</source>
        <translation>Eigen lijst voor een &amp;groep…</translation>
    </message>
    <message>
        <source>&amp;Follow the tenant&apos;s list</source>
        <translation>Li&amp;jst van de tenant volgen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>Opnieuw &amp;laden</translation>
    </message>
    <message>
        <source>Only administrators can change the policy.</source>
        <translation>Alleen beheerders kunnen het beleid wijzigen.</translation>
    </message>
    <message>
        <source>Methods allowed for everyone</source>
        <translation>Methoden die voor iedereen zijn toegestaan</translation>
    </message>
    <message>
        <source>A&amp;uthenticator app</source>
        <translation>A&amp;uthenticator-app</translation>
    </message>
    <message>
        <source>&amp;Hardware token</source>
        <translation>&amp;Hardwaretoken</translation>
    </message>
    <message>
        <source>Push appro&amp;val</source>
        <translation>Pushgoed&amp;keuring</translation>
    </message>
    <message>
        <source>S&amp;MS</source>
        <translation>&amp;Sms</translation>
    </message>
    <message>
        <source>&amp;Voice call</source>
        <translation>Sp&amp;raakoproep</translation>
    </message>
    <message>
        <source>Methods per group</source>
        <translation>Methoden per groep</translation>
    </message>
    <message>
        <source>A group without its own list follows the list above. Check &quot;Own list&quot; to give a group different methods.</source>
        <translation>Een groep zonder eigen lijst volgt de lijst hierboven. Vink &quot;Eigen lijst&quot; aan om een groep andere methoden te geven.</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Own list</source>
        <translation>Eigen lijst</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Keys that report fraud on a voice call</source>
        <translation>Toetsen die tijdens een spraakoproep fraude melden</translation>
    </message>
    <message>
        <source>Keys that report fraud on a &amp;call (before #):</source>
        <translation>Toetsen die &amp;fraude melden tijdens een oproep (vóór #):</translation>
    </message>
    <message>
        <source>Reading the policy…</source>
        <translation>Het beleid wordt gelezen…</translation>
    </message>
    <message>
        <source>Own list for a group</source>
        <translation>Eigen lijst voor een groep</translation>
    </message>
    <message>
        <source>&amp;Group name, as in the users&apos; group field:</source>
        <translation>&amp;Groepsnaam, zoals in het groepsveld van de gebruikers:</translation>
    </message>
    <message>
        <source>Check the methods for %1, then save.</source>
        <translation>Vink de methoden voor %1 aan en sla dan op.</translation>
    </message>
    <message>
        <source>Select a group in the table first.</source>
        <translation>Selecteer eerst een groep in de tabel.</translation>
    </message>
    <message>
        <source>The policy has not been read yet. Wait for it or choose Reload, then change it.</source>
        <translation>Het beleid is nog niet gelezen. Wacht erop of kies Opnieuw laden, en wijzig het dan.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
    <message>
        <source>The policy is saved; it applies to the next sign-in.</source>
        <translation>Het beleid is opgeslagen; het geldt vanaf de volgende aanmelding.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::PushCenter</name>
    <message>
        <source>Approved</source>
        <translation>Goedgekeurd</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Geweigerd</translation>
    </message>
    <message>
        <source>Reported as fraud</source>
        <translation>Gemeld als fraude</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Niet verbonden</translation>
    </message>
    <message>
        <source>Activating…</source>
        <translation>Activeren…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbonden</translation>
    </message>
    <message>
        <source>Retrying: the server cannot be reached</source>
        <translation>Opnieuw proberen: de server is niet bereikbaar</translation>
    </message>
    <message>
        <source>Revoked: activate again to receive requests</source>
        <translation>Ingetrokken: activeer opnieuw om verzoeken te ontvangen</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Waarschuwing</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Applicatie</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Vanaf</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwoord</translation>
    </message>
    <message>
        <source>The device key could not be stored in the system keychain, so sign-in approvals were not turned on: %1</source>
        <translation>De apparaatsleutel kon niet in de systeemsleutelhanger worden opgeslagen, dus aanmeldgoedkeuringen zijn niet ingeschakeld: %1</translation>
    </message>
    <message>
        <source>Sign-in approvals are on for %1 at %2.</source>
        <translation>Aanmeldgoedkeuringen zijn ingeschakeld voor %1 bij %2.</translation>
    </message>
    <message>
        <source>Cannot save the sign-in approval settings in %1: %2</source>
        <translation>De instellingen voor aanmeldgoedkeuringen kunnen niet worden opgeslagen in %1: %2</translation>
    </message>
    <message>
        <source>The key for %1 is not in the system keychain (%2). Remove this server and activate this computer again.</source>
        <translation>De sleutel voor %1 staat niet in de systeemsleutelhanger (%2). Verwijder deze server en activeer deze computer opnieuw.</translation>
    </message>
    <message>
        <source>Answered elsewhere or expired</source>
        <translation>Elders beantwoord of verlopen</translation>
    </message>
    <message>
        <source>This request was answered on another device, or it has expired.</source>
        <translation>Dit verzoek is op een ander apparaat beantwoord, of het is verlopen.</translation>
    </message>
    <message>
        <source>Reported. Your helpdesk has been told.</source>
        <translation>Gemeld. Je helpdesk is ingelicht.</translation>
    </message>
    <message>
        <source>Sent.</source>
        <translation>Verstuurd.</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed since this computer was activated. Requests from it are refused until you activate again; if its administrator did not replace it, tell your helpdesk.</source>
        <translation>Het certificaat van %1 is gewijzigd sinds deze computer werd geactiveerd. Verzoeken van deze server worden geweigerd totdat je opnieuw activeert; als de beheerder het certificaat niet heeft vervangen, licht dan je helpdesk in.</translation>
    </message>
    <message numerus="yes">
        <source>This computer&apos;s clock is %n second(s) away from the clock of %1. Set the clock right, or sign-in approvals may be refused.</source>
        <translation>
            <numerusform>De klok van deze computer wijkt %n seconde af van de klok van %1. Zet de klok goed, anders kunnen aanmeldgoedkeuringen worden geweigerd.</numerusform>
            <numerusform>De klok van deze computer wijkt %n seconden af van de klok van %1. Zet de klok goed, anders kunnen aanmeldgoedkeuringen worden geweigerd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the key…</source>
        <translation>De sleutel wordt gelezen…</translation>
    </message>
    <message>
        <source>Activating with %1…</source>
        <translation>Activeren bij %1…</translation>
    </message>
    <message>
        <source>Twofold on %1</source>
        <translation>Twofold op %1</translation>
    </message>
    <message>
        <source>Sign-in request</source>
        <translation>Aanmeldverzoek</translation>
    </message>
    <message>
        <source>%1 for %2: open the request to approve or deny it.</source>
        <translation>%1 voor %2: open het verzoek om het goed te keuren of te weigeren.</translation>
    </message>
    <message>
        <source>Approved, but refused: %1</source>
        <translation>Goedgekeurd, maar geweigerd: %1</translation>
    </message>
    <message>
        <source>Refused: not the certificate this computer trusts</source>
        <translation>Geweigerd: niet het certificaat dat deze computer vertrouwt</translation>
    </message>
</context>
<context>
    <name>twofold::ui::PushDevicesDialog</name>
    <message>
        <source>Servers</source>
        <translation>Servers</translation>
    </message>
    <message>
        <source>Recent requests</source>
        <translation>Recente verzoeken</translation>
    </message>
    <message>
        <source>Sign-in approvals</source>
        <translation>Aanmeldgoedkeuringen</translation>
    </message>
    <message>
        <source>This computer approves sign-ins for these servers. To add one, scan the activation QR code your helpdesk gives you with Add account, or paste its link here.</source>
        <translation>Deze computer keurt aanmeldingen goed voor deze servers. Om er een toe te voegen, scan je de QR-code voor activering die je van je helpdesk krijgt met Account toevoegen, of plak je de link ervan hier.</translation>
    </message>
    <message>
        <source>Recent &amp;requests:</source>
        <translation>&amp;Recente verzoeken:</translation>
    </message>
    <message>
        <source>&amp;Paste an activation link…</source>
        <translation>Activeringslink &amp;plakken…</translation>
    </message>
    <message>
        <source>&amp;Remove this server…</source>
        <translation>Deze server &amp;verwijderen…</translation>
    </message>
    <message>
        <source>Activation link</source>
        <translation>Activeringslink</translation>
    </message>
    <message>
        <source>Paste the twofold://activate link:</source>
        <translation>Plak de twofold://activate-link:</translation>
    </message>
    <message>
        <source>Select a server first.</source>
        <translation>Selecteer eerst een server.</translation>
    </message>
    <message>
        <source>Remove %1?</source>
        <translation>%1 verwijderen?</translation>
    </message>
    <message>
        <source>This computer will no longer receive sign-in requests from %1, and the server forgets it.</source>
        <translation>Deze computer ontvangt dan geen aanmeldverzoeken meer van %1, en de server vergeet hem.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::SettingsDialog</name>
    <message>
        <source>Lock when the &amp;screen locks</source>
        <translation>Vergrendelen als het &amp;scherm vergrendelt</translation>
    </message>
    <message>
        <source>Show an icon in the system &amp;tray</source>
        <translation>Pictogram in het &amp;systeemvak tonen</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>&amp;Geminimaliseerd in het systeemvak starten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Beveiliging</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nooit</translation>
    </message>
    <message>
        <source>Clear the clipboard after</source>
        <translation>Klembord wissen na</translation>
    </message>
    <message>
        <source>&amp;Clear copied codes after:</source>
        <translation>Gekopieerde codes &amp;wissen na:</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>Vergrendelen na inactiviteit van</translation>
    </message>
    <message>
        <source>&amp;Lock when idle for:</source>
        <translation>&amp;Vergrendelen na inactiviteit van:</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Venster</translation>
    </message>
    <message>
        <source>This desktop has no system tray.</source>
        <translation>Deze desktop heeft geen systeemvak.</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Systeem volgen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Licht</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Donker</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>T&amp;heme:</source>
        <translation>T&amp;hema:</translation>
    </message>
    <message>
        <source>A new language shows after Twofold restarts.</source>
        <translation>Een nieuwe taal verschijnt nadat Twofold opnieuw is gestart.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::TestVerificationDialog</name>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Versturen</translation>
    </message>
    <message>
        <source>Test verification for %1</source>
        <translation>Verificatie testen voor %1</translation>
    </message>
    <message>
        <source>Push approval</source>
        <translation>Pushgoedkeuring</translation>
    </message>
    <message>
        <source>SMS code</source>
        <translation>Sms-code</translation>
    </message>
    <message>
        <source>Voice call</source>
        <translation>Spraakoproep</translation>
    </message>
    <message>
        <source>Code from the user&apos;s app or token</source>
        <translation>Code uit de app of het token van de gebruiker</translation>
    </message>
    <message>
        <source>the code the user reads out</source>
        <translation>de code die de gebruiker voorleest</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>%1  Sending…</source>
        <translation>%1  Versturen…</translation>
    </message>
    <message>
        <source> (number to match: %1)</source>
        <translation> (te vergelijken nummer: %1)</translation>
    </message>
</context>
<context>
    <name>twofold::ui::TokenImportDialog</name>
    <message>
        <source>Serial</source>
        <translation>Serienummer</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Fabrikant</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Cijfers</translation>
    </message>
    <message>
        <source>User in the file</source>
        <translation>Gebruiker in het bestand</translation>
    </message>
    <message>
        <source>Already imported</source>
        <translation>Al geïmporteerd</translation>
    </message>
    <message>
        <source>Yes, it will be updated</source>
        <translation>Ja, wordt bijgewerkt</translation>
    </message>
    <message>
        <source>Import tokens from %1</source>
        <translation>Tokens importeren uit %1</translation>
    </message>
    <message>
        <source>Tokens found in the file</source>
        <translation>Tokens gevonden in het bestand</translation>
    </message>
    <message>
        <source>Skipped tokens and errors</source>
        <translation>Overgeslagen tokens en fouten</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>Skipped %1: %2</source>
        <translation>%1 overgeslagen: %2</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import %n token(s)</source>
        <translation>
            <numerusform>%n token &amp;importeren</numerusform>
            <numerusform>%n tokens &amp;importeren</numerusform>
        </translation>
    </message>
    <message>
        <source>The file holds no token that can be imported. Read the reasons below, or ask the vendor for another file.</source>
        <translation>Het bestand bevat geen token dat kan worden geïmporteerd. Lees de redenen hieronder, of vraag de leverancier om een ander bestand.</translation>
    </message>
    <message numerus="yes">
        <source>Found %n token(s). Nothing is imported until you press Import.</source>
        <translation>
            <numerusform>%n token gevonden. Er wordt niets geïmporteerd totdat je op Importeren drukt.</numerusform>
            <numerusform>%n tokens gevonden. Er wordt niets geïmporteerd totdat je op Importeren drukt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) will be skipped.</source>
        <translation>
            <numerusform>%n token wordt overgeslagen.</numerusform>
            <numerusform>%n tokens worden overgeslagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n token(s).</source>
        <translation>
            <numerusform>%n token geïmporteerd.</numerusform>
            <numerusform>%n tokens geïmporteerd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n.</source>
        <translation>
            <numerusform>%n overgeslagen.</numerusform>
            <numerusform>%n overgeslagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Assign them to users under OATH tokens or in a user&apos;s enrollment.</source>
        <translation>Wijs ze toe aan gebruikers onder OATH-tokens of bij de registratie van een gebruiker.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::TokensPage</name>
    <message>
        <source>Unassigned</source>
        <translation>Niet toegewezen</translation>
    </message>
    <message>
        <source>Assigned, waiting for a first code</source>
        <translation>Toegewezen, wacht op een eerste code</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Serienummer</translation>
    </message>
    <message>
        <source>Manufacturer</source>
        <translation>Fabrikant</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Model</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Digits</source>
        <translation>Cijfers</translation>
    </message>
    <message>
        <source>Assigned user</source>
        <translation>Toegewezen gebruiker</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>&amp;Unassigned only</source>
        <translation>Alleen &amp;niet-toegewezen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <source>&amp;Assign…</source>
        <translation>&amp;Toewijzen…</translation>
    </message>
    <message>
        <source>Ac&amp;tivate…</source>
        <translation>&amp;Activeren…</translation>
    </message>
    <message>
        <source>U&amp;nassign</source>
        <translation>Toewijzing &amp;opheffen</translation>
    </message>
    <message>
        <source>Serial number starts with…</source>
        <translation>Serienummer begint met…</translation>
    </message>
    <message>
        <source>Search tokens by serial number</source>
        <translation>Tokens zoeken op serienummer</translation>
    </message>
    <message>
        <source>&amp;Serial:</source>
        <translation>&amp;Serienummer:</translation>
    </message>
    <message>
        <source>Hardware tokens</source>
        <translation>Hardwaretokens</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s).</source>
        <translation>
            <numerusform>%n token.</numerusform>
            <numerusform>%n tokens.</numerusform>
        </translation>
    </message>
    <message>
        <source>No hardware token has been imported yet. Import the file that came with the tokens (Azure CSV or PSKC) with Import…</source>
        <translation>Er is nog geen hardwaretoken geïmporteerd. Importeer het bestand dat bij de tokens hoorde (Azure-CSV of PSKC) met Importeren…</translation>
    </message>
    <message>
        <source>No token matches. Clear the search, or import the tokens&apos; file with Import…</source>
        <translation>Geen token komt overeen. Wis de zoekopdracht, of importeer het bestand van de tokens met Importeren…</translation>
    </message>
    <message>
        <source>Import hardware tokens</source>
        <translation>Hardwaretokens importeren</translation>
    </message>
    <message>
        <source>Token files (*.csv *.xml *.pskc *.pskcxml);;Azure CSV (*.csv);;PSKC (*.xml *.pskc *.pskcxml)</source>
        <translation>Tokenbestanden (*.csv *.xml *.pskc *.pskcxml);;Azure-CSV (*.csv);;PSKC (*.xml *.pskc *.pskcxml)</translation>
    </message>
    <message>
        <source>%1 is neither an Azure CSV file (.csv) nor a PSKC file (.xml, .pskc). Choose the file the token vendor sent.</source>
        <translation>%1 is geen Azure-CSV-bestand (.csv) en ook geen PSKC-bestand (.xml, .pskc). Kies het bestand dat de leverancier van de tokens heeft gestuurd.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2. Check that the file exists and that you may read it.</source>
        <translation>%1 kan niet worden gelezen: %2. Controleer of het bestand bestaat en of je het mag lezen.</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Het bestand wordt gelezen…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importeren…</translation>
    </message>
    <message>
        <source>Key of the token file</source>
        <translation>Sleutel van het tokenbestand</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <source>Pre-shared key (hexadecimal)</source>
        <translation>Vooraf gedeelde sleutel (hexadecimaal)</translation>
    </message>
    <message>
        <source>Password or key</source>
        <translation>Wachtwoord of sleutel</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>&amp;Password or key:</source>
        <translation>&amp;Wachtwoord of sleutel:</translation>
    </message>
    <message>
        <source>Token %1 is assigned to %2. Activate it with a code that the token shows.</source>
        <translation>Token %1 is toegewezen aan %2. Activeer het met een code die het token toont.</translation>
    </message>
    <message>
        <source>Token %1 is active: it verifies sign-ins now.</source>
        <translation>Token %1 is actief: het verifieert nu aanmeldingen.</translation>
    </message>
    <message>
        <source>Token %1 is unassigned; it can be given to another user.</source>
        <translation>De toewijzing van token %1 is opgeheven; het kan aan een andere gebruiker worden gegeven.</translation>
    </message>
    <message>
        <source>Assign token %1</source>
        <translation>Token %1 toewijzen</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>Activate token %1</source>
        <translation>Token %1 activeren</translation>
    </message>
    <message>
        <source>Press the token&apos;s button and enter the &amp;code it shows:</source>
        <translation>Druk op de knop van het token en voer de &amp;code in die het toont:</translation>
    </message>
</context>
<context>
    <name>twofold::ui::UserDialog</name>
    <message>
        <source>New user</source>
        <translation>Nieuwe gebruiker</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bewerken</translation>
    </message>
    <message>
        <source>as in the directory, e.g. alice</source>
        <translation>zoals in de directory, bijv. alice</translation>
    </message>
    <message>
        <source>with country code, e.g. +31 6 12345678</source>
        <translation>met landcode, bijv. +31 6 12345678</translation>
    </message>
    <message>
        <source>optional; the group&apos;s policy applies</source>
        <translation>optioneel; het beleid van de groep geldt</translation>
    </message>
    <message>
        <source>set; type a new one to change it</source>
        <translation>ingesteld; typ een nieuwe om hem te wijzigen</translation>
    </message>
    <message>
        <source>optional, 4 to 8 digits</source>
        <translation>optioneel, 4 tot 8 cijfers</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefoon:</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>G&amp;roep:</translation>
    </message>
    <message>
        <source>Voice &amp;PIN:</source>
        <translation>Spraak-&amp;pincode:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Aanmaken</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Opslaan</translation>
    </message>
    <message>
        <source>Enter a username.</source>
        <translation>Voer een gebruikersnaam in.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Opslaan…</translation>
    </message>
</context>
<context>
    <name>twofold::ui::UserImportDialog</name>
    <message>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Import users from %1</source>
        <translation>Gebruikers importeren uit %1</translation>
    </message>
    <message>
        <source>Users in the file</source>
        <translation>Gebruikers in het bestand</translation>
    </message>
    <message>
        <source>Problems in the file</source>
        <translation>Problemen in het bestand</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Import %n user(s)</source>
        <translation>
            <numerusform>%n gebruiker &amp;importeren</numerusform>
            <numerusform>%n gebruikers &amp;importeren</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is good. Nothing changes until you press Import.</source>
        <translation>Het bestand is in orde. Er verandert niets totdat je op Importeren drukt.</translation>
    </message>
    <message>
        <source>Fix these lines in the file and open it again; nothing was imported:</source>
        <translation>Corrigeer deze regels in het bestand en open het opnieuw; er is niets geïmporteerd:</translation>
    </message>
    <message>
        <source>The file cannot be imported; nothing was changed.</source>
        <translation>Het bestand kan niet worden geïmporteerd; er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importeren…</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>Er is niets geïmporteerd: %1</translation>
    </message>
</context>
<context>
    <name>twofold::ui::UserListModel</name>
    <message>
        <source>Blocked</source>
        <translation>Geblokkeerd</translation>
    </message>
    <message>
        <source>Locked out</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
</context>
<context>
    <name>twofold::ui::UsersPage</name>
    <message>
        <source>Authenticator app</source>
        <translation>Authenticator-app</translation>
    </message>
    <message>
        <source>Hardware token</source>
        <translation>Hardwaretoken</translation>
    </message>
    <message>
        <source>Push approval</source>
        <translation>Pushgoedkeuring</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>Sms</translation>
    </message>
    <message>
        <source>Voice call</source>
        <translation>Spraakoproep</translation>
    </message>
    <message>
        <source>&amp;New user…</source>
        <translation>&amp;Nieuwe gebruiker…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
    <message>
        <source>&amp;Block…</source>
        <translation>B&amp;lokkeren…</translation>
    </message>
    <message>
        <source>En&amp;roll…</source>
        <translation>&amp;Registreren…</translation>
    </message>
    <message>
        <source>&amp;Test verification…</source>
        <translation>&amp;Testverificatie…</translation>
    </message>
    <message>
        <source>B&amp;ypass codes…</source>
        <translation>&amp;Omzeilcodes…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importeren…</translation>
    </message>
    <message>
        <source>Search by username (Ctrl+F)</source>
        <translation>Zoeken op gebruikersnaam (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search users</source>
        <translation>Gebruikers zoeken</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Elke status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Geblokkeerd</translation>
    </message>
    <message>
        <source>Locked out</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Any method</source>
        <translation>Elke methode</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Groep</translation>
    </message>
    <message>
        <source>Any group</source>
        <translation>Elke groep</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Gebruikers</translation>
    </message>
    <message numerus="yes">
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n gebruiker</numerusform>
            <numerusform>%n gebruikers</numerusform>
        </translation>
    </message>
    <message>
        <source>There are no users yet. Create one with New user, or import a CSV file.</source>
        <translation>Er zijn nog geen gebruikers. Maak er een aan met Nieuwe gebruiker, of importeer een CSV-bestand.</translation>
    </message>
    <message>
        <source>No user matches. Clear the search or the filters.</source>
        <translation>Geen gebruiker komt overeen. Wis de zoekopdracht of de filters.</translation>
    </message>
    <message>
        <source>User details</source>
        <translation>Gebruikersgegevens</translation>
    </message>
    <message>
        <source>Select a user to see their methods, devices and recent verifications.</source>
        <translation>Selecteer een gebruiker om diens methoden, apparaten en recente verificaties te zien.</translation>
    </message>
    <message>
        <source>Blocked until %1</source>
        <translation>Geblokkeerd tot %1</translation>
    </message>
    <message>
        <source>unblocked by hand</source>
        <translation>handmatig gedeblokkeerd</translation>
    </message>
    <message>
        <source>Locked out after failed attempts until %1</source>
        <translation>Vergrendeld na mislukte pogingen tot %1</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Voice PIN</source>
        <translation>Spraakpincode</translation>
    </message>
    <message>
        <source>set</source>
        <translation>ingesteld</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Methods</source>
        <translation>Methoden</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>None yet. Use Enroll to give this user a way to verify.</source>
        <translation>Nog geen. Gebruik Registreren om deze gebruiker een manier te geven om te verifiëren.</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>waiting for its first code</source>
        <translation>wacht op de eerste code</translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>laatst gezien %1</translation>
    </message>
    <message>
        <source>Recent activity</source>
        <translation>Recente activiteit</translation>
    </message>
    <message>
        <source>Un&amp;block</source>
        <translation>&amp;Deblokkeren</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 verwijderen?</translation>
    </message>
    <message>
        <source>Delete %1 with all their methods and devices? They can no longer sign in with multi-factor authentication. The audit log keeps what they did.</source>
        <translation>%1 verwijderen, met alle methoden en apparaten? Deze gebruiker kan zich dan niet meer aanmelden met meervoudige verificatie. Het auditlogboek bewaart wat hij of zij heeft gedaan.</translation>
    </message>
    <message>
        <source>Block %1</source>
        <translation>%1 blokkeren</translation>
    </message>
    <message>
        <source>Why is %1 blocked? The reason goes to the audit log.</source>
        <translation>Waarom wordt %1 geblokkeerd? De reden komt in het auditlogboek.</translation>
    </message>
    <message>
        <source>Bypass code for %1</source>
        <translation>Omzeilcode voor %1</translation>
    </message>
    <message>
        <source>Read this one-time code to %1: %2

It works once, until %3. It is not shown again.</source>
        <translation>Lees deze eenmalige code voor aan %1: %2

Hij werkt één keer, tot %3. Hij wordt niet opnieuw getoond.</translation>
    </message>
    <message>
        <source>Import users</source>
        <translation>Gebruikers importeren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-bestanden (*.csv *.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kan niet worden gelezen: %2</translation>
    </message>
    <message>
        <source>Re&amp;move a method…</source>
        <translation>Methode ver&amp;wijderen…</translation>
    </message>
    <message>
        <source>This user has no app, token or device to remove. SMS and voice calls follow the phone number: clear it under Edit.</source>
        <translation>Deze gebruiker heeft geen app, token of apparaat om te verwijderen. Sms en spraakoproepen volgen het telefoonnummer: maak dat leeg onder Bewerken.</translation>
    </message>
    <message>
        <source>Remove a method</source>
        <translation>Een methode verwijderen</translation>
    </message>
    <message>
        <source>Which method should %1 no longer use? A removed push device is revoked: it receives no more requests.</source>
        <translation>Welke methode mag %1 niet meer gebruiken? Een verwijderd pushapparaat wordt ingetrokken: het ontvangt geen verzoeken meer.</translation>
    </message>
</context>
<context>
    <name>twofold::ui::VaultSession</name>
    <message>
        <source>Could not create the folder %1. Check that you may write there.</source>
        <translation>De map %1 kan niet worden gemaakt. Controleer of je daar mag schrijven.</translation>
    </message>
    <message>
        <source>The system keychain did not store the key (%1). Your vault is protected by your password only.</source>
        <translation>De systeemsleutelhanger heeft de sleutel niet opgeslagen (%1). Je kluis is alleen met je wachtwoord beveiligd.</translation>
    </message>
    <message>
        <source>The system keychain did not store the key (%1). Choose a password instead.</source>
        <translation>De systeemsleutelhanger heeft de sleutel niet opgeslagen (%1). Kies in plaats daarvan een wachtwoord.</translation>
    </message>
    <message>
        <source>The system keychain did not give the key: %1</source>
        <translation>De systeemsleutelhanger gaf de sleutel niet: %1</translation>
    </message>
    <message>
        <source>Could not save your accounts: %1</source>
        <translation>Je accounts kunnen niet worden opgeslagen: %1</translation>
    </message>
</context>
</TS>
