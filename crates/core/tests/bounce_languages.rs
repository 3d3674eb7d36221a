//! The ten languages of issue 4: reports in each, for the common reasons
//! (unknown user, full mailbox, missing domain, disabled account, spam,
//! blocked address, oversized message, delivery given up in time, relaying
//! refused, a virus, too many connections, an unreachable host, the
//! sender refused, a domain that takes no mail), and automatic replies.
//!
//! Each case is a body-only report worded the way providers and Exchange
//! word their notices in that language, with no status or reply code
//! anywhere: the words alone must give the reason. (Where a report has
//! codes, they decide and the language does not matter; the corpus test
//! covers that.) Each is sent once from an MTA's system address and once
//! from a provider's notice address, where the subject and the report's
//! wording must tell that it is a report. The mails are written for this
//! test.

use postvakt_core::bounce::reason::phrases;
use postvakt_core::bounce::{self, Kind, Reason};

/// What a mail server in each language writes above the failed address.
fn intro(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "en" => (
            "Undeliverable: Meeting",
            "Your message couldn't be delivered to the following recipient.",
        ),
        "fr" => (
            "Non remis : Réunion",
            "Votre message n'a pas pu être remis au destinataire suivant.",
        ),
        "es" => (
            "No se puede entregar: Reunión",
            "No se pudo entregar el mensaje al siguiente destinatario.",
        ),
        "de" => (
            "Unzustellbar: Besprechung",
            "Ihre Nachricht konnte nicht an den folgenden Empfänger zugestellt werden.",
        ),
        "nb" => (
            "Kan ikke leveres: Møte",
            "Meldingen din kunne ikke leveres til følgende mottaker.",
        ),
        "sv" => (
            "Kan inte levereras: Möte",
            "Ditt meddelande kunde inte levereras till följande mottagare.",
        ),
        "da" => (
            "Kan ikke leveres: Møde",
            "Din meddelelse kunne ikke leveres til følgende modtager.",
        ),
        "it" => (
            "Non recapitabile: Riunione",
            "Impossibile recapitare il messaggio al destinatario seguente.",
        ),
        "pt" => (
            "Não é possível entregar: Reunião",
            "Não foi possível entregar sua mensagem ao seguinte destinatário.",
        ),
        "nl" => (
            "Onbestelbaar: Vergadering",
            "Uw bericht kan niet worden bezorgd bij de volgende ontvanger.",
        ),
        _ => unreachable!("no intro for {lang}"),
    }
}

/// (language, reason, the server's words about the recipient).
const CASES: &[(&str, Reason, &str)] = &[
    // The recipient does not exist.
    (
        "en",
        Reason::UserUnknown,
        "The email address you entered couldn't be found.",
    ),
    // The same with a typographic apostrophe, as HTML reports write it.
    (
        "en",
        Reason::UserUnknown,
        "The email address you entered couldn’t be found.",
    ),
    ("fr", Reason::UserUnknown, "Utilisateur inconnu."),
    (
        "fr",
        Reason::UserUnknown,
        "L'adresse de messagerie que vous avez entrée est introuvable.",
    ),
    ("fr", Reason::UserUnknown, "Ce destinataire n'existe pas."),
    ("es", Reason::UserUnknown, "Usuario desconocido."),
    (
        "es",
        Reason::UserUnknown,
        "No se encontró la dirección de correo electrónico que escribió.",
    ),
    ("es", Reason::UserUnknown, "El destinatario no existe."),
    ("de", Reason::UserUnknown, "Empfänger unbekannt."),
    (
        "de",
        Reason::UserUnknown,
        "Die eingegebene E-Mail-Adresse wurde nicht gefunden.",
    ),
    ("de", Reason::UserUnknown, "Der Empfänger existiert nicht."),
    ("nb", Reason::UserUnknown, "Ukjent mottaker."),
    (
        "nb",
        Reason::UserUnknown,
        "Finner ikke e-postadressen du skrev inn.",
    ),
    ("nb", Reason::UserUnknown, "Mottakeren finnes ikke."),
    ("sv", Reason::UserUnknown, "Okänd mottagare."),
    (
        "sv",
        Reason::UserUnknown,
        "E-postadressen du angav gick inte att hitta.",
    ),
    (
        "sv",
        Reason::UserUnknown,
        "Det gick inte att hitta e-postadressen du angav.",
    ),
    (
        "sv",
        Reason::UserUnknown,
        "Den e-postadress du angav kunde inte hittas.",
    ),
    ("sv", Reason::UserUnknown, "Mottagaren finns inte."),
    ("da", Reason::UserUnknown, "Ukendt modtager."),
    (
        "da",
        Reason::UserUnknown,
        "Den mailadresse, du angav, blev ikke fundet.",
    ),
    ("da", Reason::UserUnknown, "Modtageren findes ikke."),
    ("it", Reason::UserUnknown, "Utente sconosciuto."),
    (
        "it",
        Reason::UserUnknown,
        "Impossibile trovare l'indirizzo di posta elettronica immesso.",
    ),
    ("it", Reason::UserUnknown, "Il destinatario non esiste."),
    ("pt", Reason::UserUnknown, "Usuário desconhecido."),
    (
        "pt",
        Reason::UserUnknown,
        "O endereço de email que você inseriu não foi encontrado.",
    ),
    (
        "pt",
        Reason::UserUnknown,
        "Não foi possível encontrar o endereço de email que você inseriu.",
    ),
    ("pt", Reason::UserUnknown, "O destinatário não existe."),
    ("nl", Reason::UserUnknown, "Onbekende gebruiker."),
    (
        "nl",
        Reason::UserUnknown,
        "Het ingevoerde e-mailadres is niet gevonden.",
    ),
    ("nl", Reason::UserUnknown, "De ontvanger bestaat niet."),
    // The address was not found, as webmail and people say it.
    (
        "en",
        Reason::UserUnknown,
        "The email address doesn't exist.",
    ),
    (
        "de",
        Reason::UserUnknown,
        "Die E-Mail-Adresse wurde nicht gefunden.",
    ),
    ("nb", Reason::UserUnknown, "Mottakeren er ukjent."),
    ("nb", Reason::UserUnknown, "E-postadressen eksisterer ikke."),
    ("sv", Reason::UserUnknown, "Mottagaren är okänd."),
    ("sv", Reason::UserUnknown, "Adressen existerar inte."),
    ("da", Reason::UserUnknown, "Modtageren er ukendt."),
    ("da", Reason::UserUnknown, "Adressen eksisterer ikke."),
    (
        "it",
        Reason::UserUnknown,
        "L'indirizzo di posta elettronica non è stato trovato.",
    ),
    (
        "nl",
        Reason::UserUnknown,
        "Het e-mailadres is niet gevonden.",
    ),
    // The address was not found, as a clause.
    (
        "fr",
        Reason::UserUnknown,
        "Le message n'a pas été remis, car l'adresse est introuvable.",
    ),
    (
        "fr",
        Reason::UserUnknown,
        "Le message n'a pas été remis, car l'adresse n'a pas été trouvée.",
    ),
    (
        "es",
        Reason::UserUnknown,
        "El mensaje no se ha entregado porque no se encontró la dirección.",
    ),
    (
        "de",
        Reason::UserUnknown,
        "Die Nachricht wurde nicht zugestellt, weil die E-Mail-Adresse nicht gefunden wurde.",
    ),
    (
        "sv",
        Reason::UserUnknown,
        "Meddelandet levererades inte eftersom e-postadressen inte hittades.",
    ),
    (
        "it",
        Reason::UserUnknown,
        "Il messaggio non è stato recapitato perché l'indirizzo non è stato trovato.",
    ),
    (
        "pt",
        Reason::UserUnknown,
        "A mensagem não foi entregue porque o endereço não foi encontrado.",
    ),
    (
        "nl",
        Reason::UserUnknown,
        "Het bericht is niet bezorgd omdat het adres niet is gevonden.",
    ),
    // The address does not exist, as a sentence and as a clause.
    (
        "fr",
        Reason::UserUnknown,
        "L'adresse e-mail est introuvable.",
    ),
    (
        "fr",
        Reason::UserUnknown,
        "Le message n'a pas pu être remis, car l'adresse de messagerie est introuvable.",
    ),
    ("fr", Reason::UserUnknown, "L'adresse e-mail n'existe pas."),
    (
        "es",
        Reason::UserUnknown,
        "La dirección de correo electrónico no existe.",
    ),
    (
        "de",
        Reason::UserUnknown,
        "Die E-Mail-Adresse existiert nicht.",
    ),
    (
        "de",
        Reason::UserUnknown,
        "Die Nachricht wurde nicht zugestellt, weil die E-Mail-Adresse nicht existiert.",
    ),
    (
        "nb",
        Reason::UserUnknown,
        "Meldingen ble ikke levert fordi e-postadressen ikke finnes.",
    ),
    (
        "sv",
        Reason::UserUnknown,
        "Meddelandet levererades inte eftersom e-postadressen inte finns.",
    ),
    (
        "da",
        Reason::UserUnknown,
        "Meddelelsen blev ikke leveret, fordi mailadressen ikke findes.",
    ),
    ("it", Reason::UserUnknown, "L'indirizzo e-mail non esiste."),
    (
        "pt",
        Reason::UserUnknown,
        "O endereço de e-mail não existe.",
    ),
    (
        "nl",
        Reason::UserUnknown,
        "Het bericht is niet bezorgd omdat het e-mailadres niet bestaat.",
    ),
    // The mailbox is full.
    (
        "en",
        Reason::MailboxFull,
        "The recipient's mailbox is full and can't accept messages now.",
    ),
    // Webmail says inbox.
    ("en", Reason::MailboxFull, "The recipient's inbox is full."),
    (
        "en",
        Reason::PolicyViolation,
        "Your message has been rejected because it contains a blocked attachment type.",
    ),
    (
        "en",
        Reason::PolicyViolation,
        "The attachment type is not allowed.",
    ),
    (
        "nb",
        Reason::MailboxFull,
        "Innboksen til mottakeren er full.",
    ),
    ("sv", Reason::MailboxFull, "Mottagarens inkorg är full."),
    ("da", Reason::MailboxFull, "Modtagerens indbakke er fuld."),
    ("fr", Reason::MailboxFull, "Boite du destinataire pleine."),
    ("it", Reason::MailboxFull, "Casella di posta piena."),
    (
        "fr",
        Reason::MailboxFull,
        "La boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages pour l'instant.",
    ),
    (
        "es",
        Reason::MailboxFull,
        "El buzón del destinatario está lleno y no puede aceptar mensajes en este momento.",
    ),
    (
        "de",
        Reason::MailboxFull,
        "Das Postfach des Empfängers ist voll und kann derzeit keine Nachrichten annehmen.",
    ),
    (
        "nb",
        Reason::MailboxFull,
        "Mottakerens postboks er full og kan ikke motta meldinger nå.",
    ),
    (
        "sv",
        Reason::MailboxFull,
        "Mottagarens postlåda är full och kan inte ta emot meddelanden just nu.",
    ),
    (
        "da",
        Reason::MailboxFull,
        "Modtagerens postkasse er fuld og kan ikke modtage meddelelser lige nu.",
    ),
    (
        "it",
        Reason::MailboxFull,
        "La cassetta postale del destinatario è piena e non può accettare messaggi al momento.",
    ),
    (
        "pt",
        Reason::MailboxFull,
        "A caixa de correio do destinatário está cheia e não pode aceitar mensagens no momento.",
    ),
    (
        "nl",
        Reason::MailboxFull,
        "Het postvak van de ontvanger is vol en kan momenteel geen berichten accepteren.",
    ),
    // The domain does not exist.
    ("en", Reason::HostUnknown, "Host or domain name not found."),
    (
        "en",
        Reason::HostUnknown,
        "The domain example.org doesn't exist.",
    ),
    (
        "fr",
        Reason::HostUnknown,
        "Le domaine example.org est introuvable.",
    ),
    ("fr", Reason::HostUnknown, "Domaine inconnu."),
    (
        "es",
        Reason::HostUnknown,
        "El dominio example.org no existe.",
    ),
    (
        "de",
        Reason::HostUnknown,
        "Die Domain example.org existiert nicht.",
    ),
    (
        "nb",
        Reason::HostUnknown,
        "Domenet example.org finnes ikke.",
    ),
    ("sv", Reason::HostUnknown, "Domänen example.org finns inte."),
    (
        "da",
        Reason::HostUnknown,
        "Domænet example.org findes ikke.",
    ),
    (
        "it",
        Reason::HostUnknown,
        "Il dominio example.org non esiste.",
    ),
    (
        "pt",
        Reason::HostUnknown,
        "O domínio example.org não existe.",
    ),
    (
        "nl",
        Reason::HostUnknown,
        "Het domein example.org bestaat niet.",
    ),
    // The domain could not be found, as a clause.
    (
        "en",
        Reason::HostUnknown,
        "The message wasn't delivered because the domain example.org couldn't be found.",
    ),
    (
        "nb",
        Reason::HostUnknown,
        "Meldingen ble ikke levert fordi domenet example.org ikke ble funnet.",
    ),
    (
        "sv",
        Reason::HostUnknown,
        "Meddelandet levererades inte eftersom domänen example.org inte hittades.",
    ),
    (
        "da",
        Reason::HostUnknown,
        "Beskeden blev ikke leveret, fordi domænet example.org ikke blev fundet.",
    ),
    (
        "de",
        Reason::HostUnknown,
        "Die Nachricht wurde nicht zugestellt, weil die Domain example.org nicht gefunden wurde.",
    ),
    (
        "it",
        Reason::HostUnknown,
        "Il messaggio non è stato recapitato perché il dominio example.org non è stato trovato.",
    ),
    (
        "es",
        Reason::HostUnknown,
        "El mensaje no se ha entregado porque no se ha encontrado el dominio example.org.",
    ),
    (
        "pt",
        Reason::HostUnknown,
        "A mensagem não foi entregue porque o domínio example.org não foi encontrado.",
    ),
    (
        "nl",
        Reason::HostUnknown,
        "Het bericht is niet bezorgd, omdat het domein example.org niet is gevonden.",
    ),
    // Outlook: the domain name in the address is wrong.
    (
        "en",
        Reason::HostUnknown,
        "The domain name in the email address is incorrect. Check that it's typed correctly and try again.",
    ),
    (
        "nb",
        Reason::HostUnknown,
        "Domenenavnet i e-postadressen er feil.",
    ),
    (
        "sv",
        Reason::HostUnknown,
        "Domännamnet i e-postadressen är felaktigt.",
    ),
    (
        "da",
        Reason::HostUnknown,
        "Domænenavnet i mailadressen er forkert.",
    ),
    (
        "de",
        Reason::HostUnknown,
        "Der Domänenname in der E-Mail-Adresse ist falsch.",
    ),
    (
        "fr",
        Reason::HostUnknown,
        "Le nom de domaine dans l'adresse de messagerie est incorrect.",
    ),
    (
        "es",
        Reason::HostUnknown,
        "El nombre de dominio de la dirección de correo electrónico es incorrecto.",
    ),
    (
        "it",
        Reason::HostUnknown,
        "Il nome di dominio nell'indirizzo di posta elettronica non è corretto.",
    ),
    (
        "pt",
        Reason::HostUnknown,
        "O nome de domínio no endereço de email está incorreto.",
    ),
    (
        "nl",
        Reason::HostUnknown,
        "De domeinnaam in het e-mailadres is onjuist.",
    ),
    // The same, short, as an error window shows it.
    ("de", Reason::HostUnknown, "Domain existiert nicht."),
    ("pt", Reason::HostUnknown, "Domínio não encontrado."),
    // The account is disabled.
    (
        "fr",
        Reason::Suspend,
        "Le compte du destinataire a été désactivé.",
    ),
    (
        "es",
        Reason::Suspend,
        "La cuenta del destinatario está desactivada.",
    ),
    (
        "de",
        Reason::Suspend,
        "Das Konto des Empfängers wurde deaktiviert.",
    ),
    ("nb", Reason::Suspend, "Mottakerens konto er deaktivert."),
    ("sv", Reason::Suspend, "Mottagarens konto har inaktiverats."),
    ("da", Reason::Suspend, "Modtagerens konto er deaktiveret."),
    (
        "it",
        Reason::Suspend,
        "L'account del destinatario è stato disattivato.",
    ),
    (
        "pt",
        Reason::Suspend,
        "A conta do destinatário foi desativada.",
    ),
    (
        "nl",
        Reason::Suspend,
        "Het account van de ontvanger is gedeactiveerd.",
    ),
    ("nb", Reason::Suspend, "Konto deaktivert."),
    ("nl", Reason::Suspend, "Account uitgeschakeld."),
    // The mailbox is disabled.
    (
        "en",
        Reason::Suspend,
        "The recipient's mailbox is disabled and can't accept messages.",
    ),
    (
        "nb",
        Reason::Suspend,
        "Mottakerens postboks er deaktivert og kan ikke ta imot meldinger.",
    ),
    (
        "sv",
        Reason::Suspend,
        "Mottagarens postlåda är inaktiverad.",
    ),
    (
        "da",
        Reason::Suspend,
        "Modtagerens postkasse er deaktiveret.",
    ),
    (
        "de",
        Reason::Suspend,
        "Das Postfach des Empfängers ist deaktiviert.",
    ),
    (
        "fr",
        Reason::Suspend,
        "La boîte aux lettres du destinataire est désactivée.",
    ),
    (
        "es",
        Reason::Suspend,
        "El buzón del destinatario está deshabilitado.",
    ),
    (
        "it",
        Reason::Suspend,
        "La cassetta postale del destinatario è disabilitata.",
    ),
    (
        "pt",
        Reason::Suspend,
        "A caixa de correio do destinatário está desabilitada.",
    ),
    (
        "nl",
        Reason::Suspend,
        "Het postvak van de geadresseerde is uitgeschakeld.",
    ),
    // The message was taken for spam.
    (
        "fr",
        Reason::SpamDetected,
        "Le message a été considéré comme spam.",
    ),
    (
        "es",
        Reason::SpamDetected,
        "El mensaje fue considerado como spam.",
    ),
    (
        "de",
        Reason::SpamDetected,
        "Die Nachricht wurde als Spam eingestuft.",
    ),
    (
        "nb",
        Reason::SpamDetected,
        "Meldingen ble vurdert som spam.",
    ),
    (
        "sv",
        Reason::SpamDetected,
        "Meddelandet klassades som skräppost.",
    ),
    (
        "da",
        Reason::SpamDetected,
        "Meddelelsen blev vurderet som spam.",
    ),
    (
        "it",
        Reason::SpamDetected,
        "Il messaggio è stato classificato come spam.",
    ),
    (
        "pt",
        Reason::SpamDetected,
        "A mensagem foi classificada como spam.",
    ),
    (
        "nl",
        Reason::SpamDetected,
        "Het bericht is als spam aangemerkt.",
    ),
    // Not delivered within the time allowed.
    (
        "en",
        Reason::Expired,
        "Message expired: delivery time exceeded.",
    ),
    (
        "nb",
        Reason::Expired,
        "Meldingen kunne ikke leveres innen tidsfristen.",
    ),
    (
        "sv",
        Reason::Expired,
        "Meddelandet kunde inte levereras inom tidsgränsen.",
    ),
    (
        "da",
        Reason::Expired,
        "Meddelelsen kunne ikke leveres inden for tidsfristen.",
    ),
    (
        "de",
        Reason::Expired,
        "Die Nachricht konnte nicht innerhalb der Frist zugestellt werden.",
    ),
    (
        "fr",
        Reason::Expired,
        "Le délai de remise du message a expiré.",
    ),
    (
        "es",
        Reason::Expired,
        "El mensaje no se pudo entregar dentro del plazo.",
    ),
    ("it", Reason::Expired, "Tempo di consegna scaduto."),
    (
        "pt",
        Reason::Expired,
        "A mensagem não pôde ser entregue dentro do prazo.",
    ),
    ("nl", Reason::Expired, "Bezorgtijd verlopen."),
    // Rejected as spam, or stopped by a spam filter.
    (
        "en",
        Reason::SpamDetected,
        "Your message was rejected as spam.",
    ),
    (
        "en",
        Reason::SpamDetected,
        "The message was stopped by the recipient's spam filter.",
    ),
    (
        "nb",
        Reason::SpamDetected,
        "Meldingen ble avvist som søppelpost.",
    ),
    (
        "nb",
        Reason::SpamDetected,
        "Meldingen ble stoppet av mottakerens spamfilter.",
    ),
    (
        "sv",
        Reason::SpamDetected,
        "Meddelandet avvisades som skräppost.",
    ),
    (
        "sv",
        Reason::SpamDetected,
        "Meddelandet stoppades av mottagarens skräppostfilter.",
    ),
    (
        "da",
        Reason::SpamDetected,
        "Meddelelsen blev afvist som spam.",
    ),
    (
        "da",
        Reason::SpamDetected,
        "Meddelelsen blev stoppet af modtagerens spamfilter.",
    ),
    (
        "de",
        Reason::SpamDetected,
        "Die Nachricht wurde als Spam abgelehnt.",
    ),
    (
        "de",
        Reason::SpamDetected,
        "Die Nachricht wurde vom Spamfilter des Empfängers blockiert.",
    ),
    (
        "fr",
        Reason::SpamDetected,
        "Le message a été rejeté comme spam.",
    ),
    (
        "fr",
        Reason::SpamDetected,
        "Le message a été bloqué par le filtre anti-spam du destinataire.",
    ),
    (
        "es",
        Reason::SpamDetected,
        "El mensaje fue rechazado como spam.",
    ),
    (
        "es",
        Reason::SpamDetected,
        "El mensaje fue bloqueado por el filtro antispam del destinatario.",
    ),
    (
        "it",
        Reason::SpamDetected,
        "Il messaggio è stato rifiutato come spam.",
    ),
    (
        "it",
        Reason::SpamDetected,
        "Il messaggio è stato bloccato dal filtro antispam del destinatario.",
    ),
    (
        "pt",
        Reason::SpamDetected,
        "A mensagem foi rejeitada como spam.",
    ),
    (
        "pt",
        Reason::SpamDetected,
        "A mensagem foi bloqueada pelo filtro de spam do destinatário.",
    ),
    (
        "nl",
        Reason::SpamDetected,
        "Het bericht is geweigerd als spam.",
    ),
    (
        "nl",
        Reason::SpamDetected,
        "Het bericht is tegengehouden door het spamfilter van de ontvanger.",
    ),
    // The sending server's address is blocked.
    (
        "fr",
        Reason::Blocked,
        "Votre adresse IP 192.0.2.1 est bloquée.",
    ),
    (
        "es",
        Reason::Blocked,
        "Su dirección IP 192.0.2.1 está bloqueada.",
    ),
    (
        "de",
        Reason::Blocked,
        "Ihre IP-Adresse 192.0.2.1 wurde gesperrt.",
    ),
    ("nb", Reason::Blocked, "IP-adressen 192.0.2.1 er blokkert."),
    ("sv", Reason::Blocked, "IP-adressen 192.0.2.1 är blockerad."),
    ("da", Reason::Blocked, "IP-adressen 192.0.2.1 er blokeret."),
    (
        "it",
        Reason::Blocked,
        "L'indirizzo IP 192.0.2.1 è bloccato.",
    ),
    (
        "pt",
        Reason::Blocked,
        "O endereço IP 192.0.2.1 está bloqueado.",
    ),
    (
        "nl",
        Reason::Blocked,
        "Het IP-adres 192.0.2.1 is geblokkeerd.",
    ),
    // As webmail and people put the other causes.
    (
        "en",
        Reason::SpamDetected,
        "The message was marked as spam.",
    ),
    (
        "nb",
        Reason::SpamDetected,
        "Meldingen ble merket som søppelpost.",
    ),
    (
        "sv",
        Reason::SpamDetected,
        "Meddelandet markerades som skräppost.",
    ),
    (
        "da",
        Reason::SpamDetected,
        "Beskeden blev markeret som spam.",
    ),
    (
        "en",
        Reason::Blocked,
        "Your server's IP address is on a block list.",
    ),
    ("nb", Reason::Blocked, "Serveren din er svartelistet."),
    ("sv", Reason::Blocked, "Din server är svartlistad."),
    ("da", Reason::Blocked, "Din server er sortlistet."),
    (
        "en",
        Reason::Suspend,
        "The recipient's account has been disabled.",
    ),
    ("en", Reason::VirusDetected, "The message contains a virus."),
    (
        "en",
        Reason::AuthFailure,
        "The message failed SPF and DKIM checks.",
    ),
    (
        "en",
        Reason::Speeding,
        "You've sent too many messages. Try again later.",
    ),
    // A disabled account, spam and size, as a clause after the failure.
    (
        "de",
        Reason::Suspend,
        "Die Nachricht wurde nicht zugestellt, weil das Konto des Empfängers deaktiviert ist.",
    ),
    (
        "nl",
        Reason::Suspend,
        "Het bericht is niet bezorgd omdat het account van de ontvanger is uitgeschakeld.",
    ),
    (
        "nl",
        Reason::Suspend,
        "Het bericht is niet bezorgd omdat het account van de ontvanger uitgeschakeld is.",
    ),
    (
        "fr",
        Reason::SpamDetected,
        "Le message a été détecté comme spam.",
    ),
    (
        "es",
        Reason::SpamDetected,
        "El mensaje fue detectado como spam.",
    ),
    (
        "de",
        Reason::SpamDetected,
        "Die Nachricht wurde als Spam erkannt.",
    ),
    (
        "nb",
        Reason::SpamDetected,
        "Meldingen ble ikke levert fordi den ble oppdaget som søppelpost.",
    ),
    (
        "sv",
        Reason::SpamDetected,
        "Meddelandet levererades inte eftersom det identifierades som skräppost.",
    ),
    (
        "da",
        Reason::SpamDetected,
        "Beskeden blev ikke leveret, fordi den blev opdaget som spam.",
    ),
    (
        "it",
        Reason::SpamDetected,
        "Il messaggio è stato rilevato come spam.",
    ),
    (
        "pt",
        Reason::SpamDetected,
        "A mensagem foi detectada como spam.",
    ),
    (
        "nl",
        Reason::SpamDetected,
        "Het bericht is als spam gedetecteerd.",
    ),
    (
        "fr",
        Reason::MesgTooBig,
        "Le message n'a pas été remis car il est trop volumineux.",
    ),
    (
        "es",
        Reason::MesgTooBig,
        "El mensaje no se ha entregado porque es demasiado grande.",
    ),
    (
        "de",
        Reason::MesgTooBig,
        "Die Nachricht wurde nicht zugestellt, weil sie zu groß ist.",
    ),
    (
        "nb",
        Reason::MesgTooBig,
        "Meldingen ble ikke levert fordi den er for stor.",
    ),
    (
        "sv",
        Reason::MesgTooBig,
        "Meddelandet levererades inte eftersom det är för stort.",
    ),
    (
        "da",
        Reason::MesgTooBig,
        "Beskeden blev ikke leveret, fordi den er for stor.",
    ),
    (
        "it",
        Reason::MesgTooBig,
        "Il messaggio non è stato recapitato perché è troppo grande.",
    ),
    (
        "pt",
        Reason::MesgTooBig,
        "A mensagem não foi entregue porque é muito grande.",
    ),
    (
        "nl",
        Reason::MesgTooBig,
        "Het bericht is niet bezorgd omdat het te groot is.",
    ),
    // Short titles: the address not found, the mailbox full, the message blocked.
    ("es", Reason::UserUnknown, "Dirección no encontrada."),
    ("it", Reason::UserUnknown, "Indirizzo non trovato."),
    ("pt", Reason::UserUnknown, "Endereço não encontrado."),
    ("fr", Reason::MailboxFull, "Boîte pleine."),
    ("pt", Reason::MailboxFull, "Caixa cheia."),
    ("en", Reason::Blocked, "Message blocked."),
    ("fr", Reason::Blocked, "Message bloqué."),
    ("es", Reason::Blocked, "Mensaje bloqueado."),
    ("de", Reason::Blocked, "Nachricht blockiert."),
    ("nb", Reason::Blocked, "Meldingen ble blokkert."),
    ("sv", Reason::Blocked, "Meddelandet blockerades."),
    ("da", Reason::Blocked, "Beskeden blev blokeret."),
    ("it", Reason::Blocked, "Messaggio bloccato."),
    ("pt", Reason::Blocked, "Mensagem bloqueada."),
    ("nl", Reason::Blocked, "Bericht geblokkeerd."),
    // Gmail's notice when its user reaches a sending limit.
    (
        "en",
        Reason::Speeding,
        "You have reached a limit for sending mail. Your message was not sent.",
    ),
    // A virus in the message.
    ("fr", Reason::VirusDetected, "Le message contient un virus."),
    ("es", Reason::VirusDetected, "El mensaje contiene un virus."),
    (
        "de",
        Reason::VirusDetected,
        "Die Nachricht enthält einen Virus.",
    ),
    (
        "nb",
        Reason::VirusDetected,
        "Meldingen inneholder et virus.",
    ),
    (
        "sv",
        Reason::VirusDetected,
        "Meddelandet innehåller ett virus.",
    ),
    ("da", Reason::VirusDetected, "Beskeden indeholder en virus."),
    (
        "it",
        Reason::VirusDetected,
        "Il messaggio contiene un virus.",
    ),
    ("pt", Reason::VirusDetected, "A mensagem contém um vírus."),
    ("nl", Reason::VirusDetected, "Het bericht bevat een virus."),
    // Too many messages sent.
    ("fr", Reason::Speeding, "Vous avez envoyé trop de messages."),
    ("es", Reason::Speeding, "Ha enviado demasiados mensajes."),
    (
        "de",
        Reason::Speeding,
        "Sie haben zu viele Nachrichten gesendet.",
    ),
    ("nb", Reason::Speeding, "Du har sendt for mange meldinger."),
    (
        "sv",
        Reason::Speeding,
        "Du har skickat för många meddelanden.",
    ),
    ("da", Reason::Speeding, "Du har sendt for mange beskeder."),
    ("it", Reason::Speeding, "Hai inviato troppi messaggi."),
    ("pt", Reason::Speeding, "Você enviou demasiadas mensagens."),
    (
        "nl",
        Reason::Speeding,
        "U hebt te veel berichten verzonden.",
    ),
    // The message is too large.
    ("en", Reason::MesgTooBig, "The message is too large."),
    ("fr", Reason::MesgTooBig, "Le message est trop volumineux."),
    ("es", Reason::MesgTooBig, "El mensaje es demasiado grande."),
    ("de", Reason::MesgTooBig, "Die Nachricht ist zu groß."),
    ("nb", Reason::MesgTooBig, "Meldingen er for stor."),
    ("sv", Reason::MesgTooBig, "Meddelandet är för stort."),
    ("da", Reason::MesgTooBig, "Meddelelsen er for stor."),
    ("it", Reason::MesgTooBig, "Il messaggio è troppo grande."),
    ("pt", Reason::MesgTooBig, "A mensagem é muito grande."),
    ("nl", Reason::MesgTooBig, "Het bericht is te groot."),
    ("da", Reason::MesgTooBig, "Beskeden er for stor."),
    // Over the largest size allowed.
    (
        "en",
        Reason::MesgTooBig,
        "The message can't be submitted because it exceeds the maximum size allowed.",
    ),
    (
        "nb",
        Reason::MesgTooBig,
        "Meldingen kan ikke sendes fordi den overskrider maksimal tillatt størrelse.",
    ),
    (
        "sv",
        Reason::MesgTooBig,
        "Meddelandet överskrider den maximala tillåtna storleken.",
    ),
    (
        "da",
        Reason::MesgTooBig,
        "Meddelelsen overskrider den maksimale tilladte størrelse.",
    ),
    (
        "de",
        Reason::MesgTooBig,
        "Die Nachricht überschreitet die maximal zulässige Größe.",
    ),
    (
        "fr",
        Reason::MesgTooBig,
        "Le message dépasse la taille maximale autorisée.",
    ),
    (
        "es",
        Reason::MesgTooBig,
        "El mensaje supera el tamaño máximo permitido.",
    ),
    (
        "it",
        Reason::MesgTooBig,
        "Il messaggio supera la dimensione massima consentita.",
    ),
    (
        "pt",
        Reason::MesgTooBig,
        "A mensagem excede o tamanho máximo permitido.",
    ),
    (
        "nl",
        Reason::MesgTooBig,
        "Het bericht overschrijdt de maximale grootte.",
    ),
    // The domain without its name, as a title or a short line: "Domäne" as
    // German spells it, the verb first in the Nordic languages.
    ("de", Reason::HostUnknown, "Domäne nicht gefunden."),
    ("fr", Reason::HostUnknown, "Le domaine n'existe pas."),
    ("es", Reason::HostUnknown, "El dominio no existe."),
    ("it", Reason::HostUnknown, "Dominio non trovato."),
    ("pt", Reason::HostUnknown, "O domínio não existe."),
    ("nl", Reason::HostUnknown, "Domein niet gevonden."),
    ("nb", Reason::HostUnknown, "Fant ikke domenet."),
    ("nb", Reason::HostUnknown, "Domenet ble ikke funnet."),
    ("sv", Reason::HostUnknown, "Domänen hittades inte."),
    ("da", Reason::HostUnknown, "Domænet blev ikke fundet."),
    // The host unknown, in each language's words.
    ("de", Reason::HostUnknown, "Host nicht gefunden."),
    ("fr", Reason::HostUnknown, "Hôte inconnu."),
    ("es", Reason::HostUnknown, "Host desconocido."),
    ("it", Reason::HostUnknown, "Host sconosciuto."),
    ("pt", Reason::HostUnknown, "Host desconhecido."),
    ("nl", Reason::HostUnknown, "Host onbekend."),
    ("nb", Reason::HostUnknown, "Ukjent vert."),
    ("sv", Reason::HostUnknown, "Okänd värd."),
    ("da", Reason::HostUnknown, "Ukendt vært."),
    // The account that does not exist, and the recipient unknown in Dutch word
    // order.
    ("es", Reason::UserUnknown, "La cuenta de correo no existe."),
    ("pt", Reason::UserUnknown, "A conta de email não existe."),
    ("nl", Reason::UserUnknown, "Ontvanger onbekend."),
    // A full mailbox as a title, the quota in its definite form, and the words
    // that end a sentence.
    ("nb", Reason::MailboxFull, "Full postkasse."),
    ("nb", Reason::MailboxFull, "Kvoten er overskredet."),
    ("sv", Reason::MailboxFull, "Kvoten överskriden."),
    ("da", Reason::MailboxFull, "Fuld postkasse."),
    ("da", Reason::MailboxFull, "Kvoten er overskredet."),
    (
        "fr",
        Reason::MailboxFull,
        "La boîte de réception est pleine.",
    ),
    (
        "de",
        Reason::MailboxFull,
        "Das Postfach des Empfängers ist voll.",
    ),
    ("nl", Reason::MailboxFull, "Het postvak is vol."),
    // An oversized message as a title, and pt-PT's "demasiado".
    ("nb", Reason::MesgTooBig, "For stor melding."),
    ("sv", Reason::MesgTooBig, "För stort meddelande."),
    ("da", Reason::MesgTooBig, "For stor meddelelse."),
    ("pt", Reason::MesgTooBig, "A mensagem é demasiado grande."),
    // A disabled account or mailbox as a title or a short line, in the word
    // forms not covered above.
    ("de", Reason::Suspend, "Postfach gesperrt."),
    ("fr", Reason::Suspend, "Boîte aux lettres désactivée."),
    ("es", Reason::Suspend, "La cuenta está deshabilitada."),
    ("es", Reason::Suspend, "Buzón desactivado."),
    ("it", Reason::Suspend, "Account sospeso."),
    ("it", Reason::Suspend, "Casella disattivata."),
    ("it", Reason::Suspend, "L'account è stato disabilitato."),
    ("pt", Reason::Suspend, "Conta suspensa."),
    ("pt", Reason::Suspend, "Caixa de correio desativada."),
    ("nl", Reason::Suspend, "Account opgeschort."),
    ("nl", Reason::Suspend, "Mailbox gedeactiveerd."),
    ("nb", Reason::Suspend, "Postkassen er deaktivert."),
    ("nb", Reason::Suspend, "Deaktivert konto."),
    ("sv", Reason::Suspend, "Inaktiverat konto."),
    ("da", Reason::Suspend, "Deaktiveret konto."),
    // Identified, classified or detected as spam, in the other word forms.
    ("de", Reason::SpamDetected, "Spam erkannt."),
    (
        "fr",
        Reason::SpamDetected,
        "Le message a été identifié comme spam.",
    ),
    (
        "es",
        Reason::SpamDetected,
        "El mensaje fue identificado como spam.",
    ),
    ("it", Reason::SpamDetected, "Identificato come spam."),
    ("pt", Reason::SpamDetected, "Identificada como spam."),
    ("nl", Reason::SpamDetected, "Bericht gedetecteerd als spam."),
    (
        "nl",
        Reason::SpamDetected,
        "Het bericht is als spam herkend.",
    ),
    (
        "nb",
        Reason::SpamDetected,
        "Meldingen ble klassifisert som spam.",
    ),
    ("sv", Reason::SpamDetected, "Klassat som spam."),
    ("sv", Reason::SpamDetected, "Markerat som spam."),
    (
        "da",
        Reason::SpamDetected,
        "Meddelelsen blev registreret som spam.",
    ),
    ("da", Reason::SpamDetected, "Klassificeret som spam."),
    // On a block list, and the address blocked as a title.
    (
        "de",
        Reason::Blocked,
        "Die IP-Adresse steht auf einer Sperrliste.",
    ),
    ("fr", Reason::Blocked, "Adresse IP sur liste noire."),
    ("es", Reason::Blocked, "IP en lista negra."),
    ("it", Reason::Blocked, "IP in lista nera."),
    ("pt", Reason::Blocked, "IP na lista negra."),
    ("nl", Reason::Blocked, "IP-adres staat op een zwarte lijst."),
    ("nb", Reason::Blocked, "Blokkert IP-adresse."),
    ("sv", Reason::Blocked, "Blockerad IP-adress."),
    ("da", Reason::Blocked, "Din IP-adresse er blokeret."),
    ("da", Reason::Blocked, "Blokeret IP-adresse."),
    // The delivery time run out, in other words and word orders.
    ("de", Reason::Expired, "Zustellzeit überschritten."),
    (
        "de",
        Reason::Expired,
        "Die Nachricht konnte innerhalb der Frist nicht zugestellt werden.",
    ),
    ("fr", Reason::Expired, "Délai de remise expiré."),
    ("fr", Reason::Expired, "Le délai de livraison a expiré."),
    ("es", Reason::Expired, "Tiempo de entrega expirado."),
    ("es", Reason::Expired, "El plazo de entrega ha expirado."),
    ("it", Reason::Expired, "Il tempo di consegna è scaduto."),
    ("pt", Reason::Expired, "O prazo de entrega expirou."),
    ("nl", Reason::Expired, "De bezorgtijd is verlopen."),
    ("nb", Reason::Expired, "Leveringstiden er utløpt."),
    ("nb", Reason::Expired, "Tidsavbrudd ved levering."),
    (
        "sv",
        Reason::Expired,
        "Tidsgränsen för leverans har överskridits.",
    ),
    (
        "da",
        Reason::Expired,
        "Tidsgrænsen for levering er overskredet.",
    ),
    // Relaying refused, in each language's words for it.
    ("de", Reason::NoRelaying, "Relaying verweigert."),
    ("fr", Reason::NoRelaying, "Relais non autorisé."),
    ("fr", Reason::NoRelaying, "Relayage refusé."),
    ("es", Reason::NoRelaying, "Retransmisión denegada."),
    ("it", Reason::NoRelaying, "Relay non consentito."),
    ("it", Reason::NoRelaying, "Relay negato."),
    ("pt", Reason::NoRelaying, "Relay não permitido."),
    ("pt", Reason::NoRelaying, "Retransmissão negada."),
    ("pt", Reason::NoRelaying, "Relay negado."),
    ("nl", Reason::NoRelaying, "Relay niet toegestaan."),
    ("nl", Reason::NoRelaying, "Relaying geweigerd."),
    ("nb", Reason::NoRelaying, "Relé ikke tillatt."),
    ("sv", Reason::NoRelaying, "Relä inte tillåtet."),
    ("da", Reason::NoRelaying, "Relay ikke tilladt."),
    // A virus found or detected, in the other words for it.
    ("de", Reason::VirusDetected, "Virus entdeckt."),
    ("fr", Reason::VirusDetected, "Virus trouvé."),
    ("es", Reason::VirusDetected, "Virus encontrado."),
    ("it", Reason::VirusDetected, "Virus trovato."),
    ("pt", Reason::VirusDetected, "Vírus detetado."),
    ("pt", Reason::VirusDetected, "Vírus encontrado."),
    ("nb", Reason::VirusDetected, "Virus funnet."),
    ("sv", Reason::VirusDetected, "Virus hittat."),
    ("da", Reason::VirusDetected, "Virus opdaget."),
    // Too many connections at once.
    ("de", Reason::TooManyConn, "Zu viele Verbindungen."),
    (
        "de",
        Reason::TooManyConn,
        "Zu viele gleichzeitige Verbindungen.",
    ),
    ("fr", Reason::TooManyConn, "Trop de connexions."),
    ("fr", Reason::TooManyConn, "Trop de connexions simultanées."),
    ("es", Reason::TooManyConn, "Demasiadas conexiones."),
    (
        "es",
        Reason::TooManyConn,
        "Demasiadas conexiones simultáneas.",
    ),
    ("it", Reason::TooManyConn, "Troppe connessioni."),
    ("it", Reason::TooManyConn, "Troppe connessioni simultanee."),
    ("pt", Reason::TooManyConn, "Demasiadas conexões."),
    ("pt", Reason::TooManyConn, "Muitas conexões simultâneas."),
    ("nl", Reason::TooManyConn, "Te veel verbindingen."),
    (
        "nl",
        Reason::TooManyConn,
        "Te veel gelijktijdige verbindingen.",
    ),
    ("nb", Reason::TooManyConn, "For mange tilkoblinger."),
    (
        "nb",
        Reason::TooManyConn,
        "For mange samtidige tilkoblinger.",
    ),
    ("sv", Reason::TooManyConn, "För många anslutningar."),
    (
        "sv",
        Reason::TooManyConn,
        "För många samtidiga anslutningar.",
    ),
    ("da", Reason::TooManyConn, "For mange forbindelser."),
    (
        "da",
        Reason::TooManyConn,
        "For mange samtidige forbindelser.",
    ),
    // The receiving host could not be reached.
    ("de", Reason::NetworkError, "Host nicht erreichbar."),
    ("de", Reason::NetworkError, "Server nicht erreichbar."),
    ("fr", Reason::NetworkError, "Hôte injoignable."),
    ("fr", Reason::NetworkError, "Serveur injoignable."),
    ("fr", Reason::NetworkError, "Hôte inaccessible."),
    ("es", Reason::NetworkError, "Host inalcanzable."),
    ("es", Reason::NetworkError, "Servidor inaccesible."),
    ("it", Reason::NetworkError, "Host irraggiungibile."),
    ("it", Reason::NetworkError, "Server irraggiungibile."),
    ("pt", Reason::NetworkError, "Host inacessível."),
    ("pt", Reason::NetworkError, "Servidor inacessível."),
    ("nl", Reason::NetworkError, "Host onbereikbaar."),
    ("nl", Reason::NetworkError, "Server onbereikbaar."),
    ("nb", Reason::NetworkError, "Verten kan ikke nås."),
    ("nb", Reason::NetworkError, "Serveren kan ikke nås."),
    ("sv", Reason::NetworkError, "Värden kan inte nås."),
    ("sv", Reason::NetworkError, "Servern kan inte nås."),
    ("da", Reason::NetworkError, "Værten kan ikke nås."),
    ("da", Reason::NetworkError, "Serveren kan ikke nås."),
    // The sender refused or not valid, the envelope sender and not the recipient.
    ("de", Reason::Rejected, "Absender abgelehnt."),
    ("de", Reason::Rejected, "Ungültiger Absender."),
    ("de", Reason::Rejected, "Absenderadresse abgelehnt."),
    ("fr", Reason::Rejected, "Expéditeur refusé."),
    ("fr", Reason::Rejected, "Expéditeur invalide."),
    ("fr", Reason::Rejected, "Adresse de l'expéditeur refusée."),
    ("es", Reason::Rejected, "Remitente rechazado."),
    ("es", Reason::Rejected, "Remitente no válido."),
    ("es", Reason::Rejected, "Dirección del remitente rechazada."),
    ("it", Reason::Rejected, "Mittente rifiutato."),
    ("it", Reason::Rejected, "Mittente non valido."),
    ("it", Reason::Rejected, "Indirizzo del mittente rifiutato."),
    ("pt", Reason::Rejected, "Remetente rejeitado."),
    ("pt", Reason::Rejected, "Remetente inválido."),
    ("pt", Reason::Rejected, "Endereço do remetente rejeitado."),
    ("nl", Reason::Rejected, "Afzender geweigerd."),
    ("nl", Reason::Rejected, "Ongeldige afzender."),
    ("nl", Reason::Rejected, "Afzenderadres geweigerd."),
    ("nb", Reason::Rejected, "Avsender avvist."),
    ("nb", Reason::Rejected, "Ugyldig avsender."),
    ("nb", Reason::Rejected, "Avsenderadressen ble avvist."),
    ("sv", Reason::Rejected, "Avsändaren avvisades."),
    ("sv", Reason::Rejected, "Ogiltig avsändare."),
    ("sv", Reason::Rejected, "Avsändaradressen avvisades."),
    ("da", Reason::Rejected, "Afsender afvist."),
    ("da", Reason::Rejected, "Ugyldig afsender."),
    ("da", Reason::Rejected, "Afsenderadressen blev afvist."),
    // Exchange's "you don't have permission to send to this recipient"
    // (5.7.1 delivery not authorized), and its message expired in the
    // queue: "Despite repeated attempts to deliver your message, the
    // recipient's email system refused to accept a connection".
    (
        "en",
        Reason::Rejected,
        "You don't have permission to send to this recipient.",
    ),
    (
        "fr",
        Reason::Rejected,
        "Vous n'avez pas l'autorisation d'envoyer à ce destinataire.",
    ),
    (
        "es",
        Reason::Rejected,
        "No tiene permiso para enviar a este destinatario.",
    ),
    (
        "de",
        Reason::Rejected,
        "Sie haben keine Berechtigung zum Senden an diesen Empfänger.",
    ),
    (
        "nb",
        Reason::Rejected,
        "Du har ikke tillatelse til å sende til denne mottakeren.",
    ),
    (
        "sv",
        Reason::Rejected,
        "Du har inte behörighet att skicka till den här mottagaren.",
    ),
    (
        "da",
        Reason::Rejected,
        "Du har ikke tilladelse til at sende til denne modtager.",
    ),
    (
        "it",
        Reason::Rejected,
        "Non disponi dell'autorizzazione per inviare a questo destinatario.",
    ),
    (
        "pt",
        Reason::Rejected,
        "Você não tem permissão para enviar para este destinatário.",
    ),
    (
        "nl",
        Reason::Rejected,
        "U hebt geen toestemming om te verzenden naar deze ontvanger.",
    ),
    (
        "en",
        Reason::Expired,
        "Despite repeated attempts to deliver your message, the recipient's email system refused to accept a connection from your email system.",
    ),
    (
        "fr",
        Reason::Expired,
        "Malgré plusieurs tentatives de remise de votre message, le système de messagerie du destinataire a refusé la connexion.",
    ),
    (
        "es",
        Reason::Expired,
        "A pesar de los repetidos intentos de entregar el mensaje, el sistema de correo del destinatario rechazó la conexión.",
    ),
    (
        "de",
        Reason::Expired,
        "Trotz wiederholter Zustellversuche hat das E-Mail-System des Empfängers die Verbindung abgelehnt.",
    ),
    (
        "nb",
        Reason::Expired,
        "Til tross for gjentatte forsøk på å levere meldingen nektet mottakerens e-postsystem å godta en tilkobling.",
    ),
    (
        "sv",
        Reason::Expired,
        "Trots upprepade försök att leverera meddelandet vägrade mottagarens e-postsystem att ta emot en anslutning.",
    ),
    (
        "da",
        Reason::Expired,
        "Trods gentagne forsøg på at levere meddelelsen afviste modtagerens mailsystem forbindelsen.",
    ),
    (
        "it",
        Reason::Expired,
        "Nonostante i ripetuti tentativi di recapito, il sistema di posta del destinatario ha rifiutato la connessione.",
    ),
    (
        "pt",
        Reason::Expired,
        "Apesar de repetidas tentativas de entrega, o sistema de email do destinatário recusou a ligação.",
    ),
    (
        "nl",
        Reason::Expired,
        "Ondanks herhaalde pogingen om het bericht te bezorgen, weigerde het e-mailsysteem van de ontvanger de verbinding.",
    ),
    // The domain takes no mail at all, said of the domain.
    (
        "de",
        Reason::NotAccept,
        "Die Domain nimmt keine E-Mails an.",
    ),
    ("de", Reason::NotAccept, "Domain akzeptiert keine E-Mails."),
    (
        "fr",
        Reason::NotAccept,
        "Le domaine n'accepte pas de courrier.",
    ),
    (
        "fr",
        Reason::NotAccept,
        "Ce domaine n'accepte pas les e-mails.",
    ),
    ("es", Reason::NotAccept, "El dominio no acepta correo."),
    ("es", Reason::NotAccept, "El dominio no acepta mensajes."),
    ("it", Reason::NotAccept, "Il dominio non accetta posta."),
    ("it", Reason::NotAccept, "Il dominio non accetta email."),
    ("pt", Reason::NotAccept, "O domínio não aceita e-mails."),
    ("pt", Reason::NotAccept, "O domínio não aceita mensagens."),
    (
        "nl",
        Reason::NotAccept,
        "Het domein accepteert geen e-mail.",
    ),
    ("nl", Reason::NotAccept, "Domein accepteert geen berichten."),
    ("nb", Reason::NotAccept, "Domenet tar ikke imot e-post."),
    ("nb", Reason::NotAccept, "Domenet mottar ikke e-post."),
    ("sv", Reason::NotAccept, "Domänen tar inte emot e-post."),
    (
        "sv",
        Reason::NotAccept,
        "Domänen tar inte emot meddelanden.",
    ),
    ("da", Reason::NotAccept, "Domænet modtager ikke e-mail."),
    ("da", Reason::NotAccept, "Domænet tager ikke imod e-mail."),
];

/// Words that only start like a full mailbox's say nothing of one: "is
/// volgens" is Dutch for "is according to", and "ist vollständig" German
/// for "is completely".
#[test]
fn words_that_only_start_like_full_say_nothing_of_it() {
    for words in [
        "De mailbox is volgens onze gegevens niet actief.",
        "Het postvak is volledig uitgeschakeld.",
        "Das Postfach des Empfängers ist vollständig deaktiviert.",
    ] {
        let hits = phrases::scan(&phrases::lower(words), 0);
        assert!(!hits.has(Reason::MailboxFull), "{words}");
    }
}

/// Who reports: an MTA's system address, or a provider's own notice
/// address (then the subject and the wording tell that it is a report).
const SENDERS: &[&str] = &[
    "Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    "Example Mail <notices@example.net>",
];

fn report(lang: &str, words: &str) -> String {
    report_from(SENDERS[0], lang, words)
}

fn report_from(from: &str, lang: &str, words: &str) -> String {
    let (subject, intro) = intro(lang);
    format!(
        "From: {from}\r\n\
         To: sender@example.com\r\n\
         Subject: {subject}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         {intro}\r\n\
         \r\n\
         kari@example.org\r\n\
         {words}\r\n"
    )
}

/// The reason a whole report gets for words of `reason`. Words of an
/// unknown user, with no code and no sign that the refusal answered the
/// RCPT command, are filed under `filtered`, as Sisimai files them (the
/// refusal may have come after the message was sent; the corpus's labels
/// hold the parser to that convention).
fn filed_under(reason: Reason) -> Reason {
    if reason == Reason::UserUnknown {
        Reason::Filtered
    } else {
        reason
    }
}

/// Fails listing the cases in `wrong`, out of `cases`, when there are any.
/// What is wrong when `shown`, read as pasted, is not one record for
/// `recipient` ("" for none named) with the reason `want`.
fn misread_shown(lang: &str, want: Reason, shown: &str, recipient: &str) -> Option<String> {
    let got = bounce::parse_shown(shown.as_bytes()).expect("read");
    match got.records.as_slice() {
        [one] if one.recipient == recipient && one.reason == want => None,
        other => Some(format!(
            "{lang}: {shown:?}: {other:?} (want {})",
            want.name()
        )),
    }
}

fn assert_none_wrong(wrong: &[String], cases: usize) {
    assert!(
        wrong.is_empty(),
        "{} of {} cases:\n{}",
        wrong.len(),
        cases,
        wrong.join("\n")
    );
}

#[test]
fn every_language_names_the_reason() {
    let wrong: Vec<String> = CASES
        .iter()
        .filter(|(_, want, words)| !phrases::scan(&phrases::lower(words), 0).has(*want))
        .map(|(lang, want, words)| format!("{lang}: {words:?} (want {})", want.name()))
        .collect();
    assert_none_wrong(&wrong, CASES.len());
}

#[test]
fn every_language_gives_the_reason_without_codes() {
    let mut wrong = Vec::new();
    for from in SENDERS {
        for &(lang, want, words) in CASES {
            let want = filed_under(want);
            let got = bounce::parse(report_from(from, lang, words).as_bytes()).expect("a mail");
            let record = match got.records.as_slice() {
                [one] if got.kind == Kind::Delivery => one,
                _ => {
                    wrong.push(format!("{from}, {lang}: {words:?}: {:?}", got.kind));
                    continue;
                }
            };
            if record.recipient != "kari@example.org" || record.reason != want {
                wrong.push(format!(
                    "{from}, {lang}: {words:?}: {} {} (want {})",
                    record.recipient,
                    record.reason.name(),
                    want.name()
                ));
            }
        }
    }
    assert_none_wrong(&wrong, CASES.len() * SENDERS.len());
}

/// The same words pasted into the page, as a mail program shows the report
/// (its text, no header section): the reason the words name, an unknown
/// user's included, since a copied text seldom holds the SMTP command.
#[test]
fn every_language_gives_the_reason_when_pasted() {
    let mut wrong = Vec::new();
    for &(lang, want, words) in CASES {
        let (_, intro) = intro(lang);
        let shown = format!("{intro}\n\nkari@example.org\n{words}\n");
        wrong.extend(misread_shown(lang, want, &shown, "kari@example.org"));
    }
    assert_none_wrong(&wrong, CASES.len());
}

/// Only the server's words, copied out of an error window without any
/// report around them (no intro, no address, no code): the reason they
/// name, for one unnamed recipient.
#[test]
fn every_language_gives_the_reason_of_its_words_alone() {
    let mut wrong = Vec::new();
    for &(lang, want, words) in CASES {
        wrong.extend(misread_shown(lang, want, &format!("{words}\n"), ""));
    }
    assert_none_wrong(&wrong, CASES.len());
}

/// Exchange's delay warning in each language ("Delivery delayed: …", "the
/// message hasn't been delivered yet"): a delivery still being tried, not
/// a failure, so not permanent and nothing to do yet.
#[test]
fn a_delay_warning_is_told_in_every_language() {
    let warnings = [
        (
            "Delivery delayed: Meeting",
            "This message hasn't been delivered yet. Delivery will continue to be attempted.",
        ),
        (
            "Remise différée : Réunion",
            "Ce message n'a pas encore été remis. Une nouvelle tentative de remise sera effectuée.",
        ),
        (
            "Entrega retrasada: Reunión",
            "Este mensaje aún no se ha entregado. Se seguirá intentando la entrega.",
        ),
        (
            "Zustellung verzögert: Besprechung",
            "Diese Nachricht wurde noch nicht zugestellt. Es wird weiterhin versucht, sie zuzustellen.",
        ),
        (
            "Levering forsinket: Møte",
            "Denne meldingen er ikke levert ennå. Det blir fortsatt gjort forsøk på å levere den.",
        ),
        (
            "Leveransen försenad: Möte",
            "Meddelandet har inte levererats ännu. Leveransförsöken fortsätter.",
        ),
        (
            "Leveransen försenad: Möte",
            "Meddelandet har inte levererats än. Leveransförsöken kommer att fortsätta.",
        ),
        (
            "Levering forsinket: Møde",
            "Denne meddelelse er endnu ikke leveret. Der forsøges fortsat at levere den.",
        ),
        (
            "Recapito ritardato: Riunione",
            "Il messaggio non è ancora stato recapitato. Verranno effettuati altri tentativi.",
        ),
        (
            "Entrega atrasada: Reunião",
            "Esta mensagem ainda não foi entregue. A entrega continuará a ser tentada.",
        ),
        (
            "Bezorging vertraagd: Vergadering",
            "Dit bericht is nog niet bezorgd. Er wordt geprobeerd het bericht te bezorgen.",
        ),
    ];
    for (subject, words) in warnings {
        let mail = format!(
            "From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\r\n\
             To: sender@example.com\r\nSubject: {subject}\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n\
             kari@example.org\r\n\r\n{words}\r\n"
        );
        let got = bounce::parse(mail.as_bytes()).expect("a mail");
        let [record] = got.records.as_slice() else {
            panic!("{subject}: {:?} {:?}", got.kind, got.records);
        };
        assert_eq!(
            (
                record.recipient.as_str(),
                record.action.as_str(),
                record.hard
            ),
            ("kari@example.org", "delayed", false),
            "{subject}"
        );
        // Pasted without its subject: the words alone say it.
        let shown = bounce::parse_shown(format!("kari@example.org\n\n{words}\n").as_bytes())
            .expect("read as a report");
        assert!(shown.is_delay_warning(), "{words}: {shown:?}");
    }
}

/// An MTA's delay warning told by its words alone, under a subject that
/// says nothing of a delay: "this is only a warning", "delivery will be
/// retried", "the server will keep trying", "you do not need to resend",
/// in each language. The same words negated are a failure's.
#[test]
fn a_delay_warning_is_told_by_its_words_in_every_language() {
    let warnings = [
        (
            "de",
            "Dies ist nur eine Warnung. Die Zustellung wird erneut versucht.",
        ),
        (
            "de",
            "Es wird weiterhin versucht, die Nachricht zuzustellen.",
        ),
        ("de", "Sie müssen die Nachricht nicht erneut senden."),
        (
            "fr",
            "Ceci n'est qu'un avertissement. Une nouvelle tentative sera effectuée.",
        ),
        (
            "fr",
            "Le serveur continuera d'essayer de remettre le message.",
        ),
        ("fr", "Vous n'avez pas besoin de renvoyer le message."),
        (
            "es",
            "Esto es solo una advertencia. Se volverá a intentar la entrega.",
        ),
        ("es", "El servidor seguirá intentando entregar el mensaje."),
        ("es", "No es necesario que vuelva a enviar el mensaje."),
        (
            "it",
            "Questo è solo un avviso. La consegna verrà ritentata.",
        ),
        (
            "it",
            "Il server continuerà a tentare di recapitare il messaggio.",
        ),
        ("it", "Non è necessario inviare di nuovo il messaggio."),
        (
            "pt",
            "Este é apenas um aviso. A entrega será tentada novamente.",
        ),
        ("pt", "O servidor continuará tentando entregar a mensagem."),
        ("pt", "Não é necessário reenviar a mensagem."),
        (
            "nl",
            "Dit is slechts een waarschuwing. De bezorging wordt opnieuw geprobeerd.",
        ),
        ("nl", "De server blijft proberen het bericht te bezorgen."),
        ("nl", "U hoeft het bericht niet opnieuw te verzenden."),
        (
            "nb",
            "Dette er bare en advarsel. Leveringen vil bli forsøkt igjen.",
        ),
        ("nb", "Serveren vil fortsette å prøve å levere meldingen."),
        ("nb", "Du trenger ikke å sende meldingen på nytt."),
        (
            "sv",
            "Detta är bara en varning. Leveransen kommer att försökas igen.",
        ),
        (
            "sv",
            "Servern kommer att fortsätta försöka leverera meddelandet.",
        ),
        ("sv", "Du behöver inte skicka meddelandet igen."),
        (
            "da",
            "Dette er kun en advarsel. Leveringen vil blive forsøgt igen.",
        ),
        (
            "da",
            "Serveren vil fortsætte med at forsøge at levere meddelelsen.",
        ),
        ("da", "Du behøver ikke at sende meddelelsen igen."),
    ];
    let failures = [
        "El servidor no seguirá intentando entregar el mensaje.",
        "La entrega no se volverá a intentar.",
        "Il server non continuerà a tentare.",
        "Serveren vil ikke fortsette å prøve.",
        "Bitte senden Sie die Nachricht nicht erneut.",
    ];
    let action = |words: &str| {
        let mail = format!(
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n\
             To: sender@example.com\r\nSubject: Mail Delivery System\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n{words}\r\n\r\n\
             <kari@example.org>: connect to mx.example.org[192.0.2.1]:25: \
             Connection timed out\r\n"
        );
        let got = bounce::parse(mail.as_bytes()).expect("a mail");
        match got.records.as_slice() {
            [one] if one.recipient == "kari@example.org" => one.action.clone(),
            other => format!("{:?} {other:?}", got.kind),
        }
    };
    let mut wrong = Vec::new();
    for (lang, words) in warnings {
        let got = action(words);
        if got != "delayed" {
            wrong.push(format!("{lang}: {words:?}: {got}"));
        }
    }
    for words in failures {
        let got = action(words);
        if got != "failed" {
            wrong.push(format!("{words:?}: {got} (want failed)"));
        }
    }
    assert_none_wrong(&wrong, warnings.len() + failures.len());
}

/// A notice that ends by offering an address for help ("contact support
/// at …"), in each language: the address is no recipient.
#[test]
fn an_address_offered_for_help_is_no_recipient_in_any_language() {
    let help = [
        (
            "en",
            "If the problem continues, please contact support@example.net.",
        ),
        (
            "fr",
            "Veuillez contacter support@example.net si le problème persiste.",
        ),
        (
            "es",
            "Póngase en contacto con soporte@example.net si el problema continúa.",
        ),
        (
            "de",
            "Bitte wenden Sie sich an support@example.net, wenn das Problem weiterhin besteht.",
        ),
        (
            "nb",
            "Kontakt kundeservice på kundeservice@example.net hvis problemet vedvarer.",
        ),
        ("sv", "Kontakta support@example.net om problemet kvarstår."),
        (
            "da",
            "Kontakt support@example.net, hvis problemet fortsætter.",
        ),
        (
            "it",
            "Contatta supporto@example.net se il problema persiste.",
        ),
        (
            "pt",
            "Entre em contato com suporte@example.net se o problema persistir.",
        ),
        (
            "nl",
            "Neem contact op met support@example.net als het probleem zich blijft voordoen.",
        ),
    ];
    for (lang, words) in help {
        let got = bounce::parse(report(lang, words).as_bytes()).expect("a mail");
        let named: Vec<&str> = got.records.iter().map(|r| r.recipient.as_str()).collect();
        assert_eq!(named, ["kari@example.org"], "{lang}: {words:?}");
    }
}

/// A person's mail that tells of a failed delivery is no report.
#[test]
fn a_person_writing_about_a_failed_delivery_is_not_a_bounce() {
    let mails = [
        (
            "Re: Réunion",
            "Le colis n'a pas pu être remis hier, le livreur repasse demain.",
        ),
        (
            "Re: Paket",
            "Das Paket konnte gestern nicht zugestellt werden, morgen kommt es.",
        ),
        (
            "Re: Møte",
            "Pakken kunne ikke leveres i går, men den kommer i morgen.",
        ),
        (
            "Re: Pedido",
            "El paquete no se pudo entregar ayer; llega mañana.",
        ),
    ];
    for (subject, text) in mails {
        let mail = format!(
            "From: Anna <anna@example.org>\r\nTo: kari@example.org\r\nSubject: {subject}\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
        );
        let got = bounce::parse(mail.as_bytes()).expect("a mail");
        assert_eq!(got.kind, Kind::NotABounce, "{subject}: {:?}", got.records);
    }
}

/// A webmail provider's one-sentence notice, as shown and copied: "Your
/// message wasn't delivered to <a> because …", the recipient inside the
/// sentence and the cause after it, in each language (our translations of
/// Gmail's wording: the address not found, the inbox full), with no code.
#[test]
fn a_notice_naming_the_recipient_and_the_cause_in_one_sentence_in_every_language() {
    let notices = [
        (
            "en",
            Reason::UserUnknown,
            "Your message wasn't delivered to kari@example.com because the address couldn't be found, or is unable to receive mail.",
        ),
        (
            "en",
            Reason::MailboxFull,
            "Your message wasn't delivered to kari@example.com because the recipient's inbox is full.",
        ),
        (
            "fr",
            Reason::UserUnknown,
            "Votre message n'a pas été distribué à kari@example.com car l'adresse est introuvable ou ne peut pas recevoir d'e-mails.",
        ),
        (
            "fr",
            Reason::MailboxFull,
            "Votre message n'a pas été distribué à kari@example.com, car la boîte de réception est saturée.",
        ),
        (
            "es",
            Reason::UserUnknown,
            "Tu mensaje no se ha entregado a kari@example.com porque no se ha encontrado la dirección o no puede recibir correo electrónico.",
        ),
        (
            "es",
            Reason::MailboxFull,
            "Tu mensaje no se ha entregado a kari@example.com porque el buzón de correo está lleno.",
        ),
        (
            "de",
            Reason::UserUnknown,
            "Ihre Nachricht wurde nicht an kari@example.com zugestellt, weil die Adresse nicht gefunden wurde oder keine E-Mails empfangen kann.",
        ),
        (
            "de",
            Reason::MailboxFull,
            "Ihre Nachricht wurde nicht an kari@example.com zugestellt, weil das Postfach voll ist.",
        ),
        (
            "nb",
            Reason::UserUnknown,
            "Meldingen din ble ikke levert til kari@example.com fordi adressen ikke ble funnet eller ikke kan motta e-post.",
        ),
        (
            "nb",
            Reason::MailboxFull,
            "Meldingen din ble ikke levert til kari@example.com fordi innboksen er full.",
        ),
        (
            "sv",
            Reason::UserUnknown,
            "Ditt meddelande levererades inte till kari@example.com eftersom adressen inte kunde hittas eller inte kan ta emot e-post.",
        ),
        (
            "sv",
            Reason::MailboxFull,
            "Ditt meddelande levererades inte till kari@example.com eftersom inkorgen är full.",
        ),
        (
            "da",
            Reason::UserUnknown,
            "Din meddelelse blev ikke leveret til kari@example.com, fordi adressen ikke kunne findes eller ikke kan modtage mails.",
        ),
        (
            "da",
            Reason::MailboxFull,
            "Din meddelelse blev ikke leveret til kari@example.com, fordi indbakken er fuld.",
        ),
        (
            "it",
            Reason::UserUnknown,
            "Il tuo messaggio non è stato recapitato a kari@example.com perché l'indirizzo non è stato trovato o non può ricevere email.",
        ),
        (
            "it",
            Reason::MailboxFull,
            "Il tuo messaggio non è stato recapitato a kari@example.com perché la casella di posta è piena.",
        ),
        (
            "pt",
            Reason::UserUnknown,
            "A sua mensagem não foi entregue a kari@example.com porque não foi possível encontrar o endereço ou ele não pode receber e-mails.",
        ),
        (
            "pt",
            Reason::MailboxFull,
            "A sua mensagem não foi entregue a kari@example.com porque a caixa de entrada está cheia.",
        ),
        (
            "pt",
            Reason::MailboxFull,
            "Sua mensagem não foi entregue a kari@example.com porque a caixa de entrada está lotada.",
        ),
        (
            "nl",
            Reason::UserUnknown,
            "Je bericht is niet bezorgd bij kari@example.com omdat het adres niet is gevonden of geen e-mail kan ontvangen.",
        ),
        (
            "nl",
            Reason::MailboxFull,
            "Je bericht is niet bezorgd bij kari@example.com omdat de inbox vol is.",
        ),
    ];
    let mut wrong = Vec::new();
    for (lang, want, notice) in notices {
        let shown = format!("{notice}\n");
        wrong.extend(misread_shown(lang, want, &shown, "kari@example.com"));
    }
    assert_none_wrong(&wrong, notices.len());
}

#[test]
fn a_missing_domain_is_permanent_and_a_full_mailbox_is_not() {
    for (lang, reason, words) in CASES {
        let hard = bounce::parse(report(lang, words).as_bytes())
            .expect("a mail")
            .records[0]
            .hard;
        match reason {
            Reason::HostUnknown => assert!(hard, "{lang}: {words:?} is permanent"),
            Reason::MailboxFull => assert!(!hard, "{lang}: {words:?} is not"),
            _ => {}
        }
    }
}

/// Outlook's "Automatic reply:" in each language, with no header that
/// marks it: the subject alone tells.
#[test]
fn automatic_replies_in_every_language() {
    let subjects = [
        "Automatic reply: Meeting",
        "Réponse automatique : Réunion",
        "Respuesta automática: Reunión",
        "Automatische Antwort: Besprechung",
        "Automatisk svar: Møte",
        "Automatiskt svar: Möte",
        "Automatisk svar: Møde",
        "Risposta automatica: Riunione",
        "Resposta automática: Reunião",
        "Automatisch antwoord: Vergadering",
        // The absence notice by its name, and out of the office.
        "Abwesenheitsnotiz: Besprechung",
        "Abwesenheit: Besprechung",
        "Absence du bureau : Réunion",
        "Message d'absence : Réunion",
        "Fuera de la oficina: Reunión",
        "Mensaje de ausencia: Reunión",
        "Fuori sede: Riunione",
        "Fuori ufficio: Riunione",
        "Ausência: Reunião",
        "Afwezigheid: Vergadering",
        "Afwezigheidsbericht: Vergadering",
        "Frånvaromeddelande: Möte",
        "Fraværsbesked: Møde",
    ];
    for subject in subjects {
        let mail = format!(
            "From: Kari <kari@example.org>\r\nTo: sender@example.com\r\nSubject: {subject}\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\nBack on Monday.\r\n"
        );
        let got = bounce::parse(mail.as_bytes()).expect("a mail");
        assert_eq!(got.kind, Kind::AutoReply, "{subject}");
        assert_eq!(got.records[0].reason, Reason::Vacation, "{subject}");
    }
}

/// A server's refusal copied on its own, its code first and its words in
/// the report's language ("554 Nachricht abgelehnt"): one record for an
/// unnamed recipient, with no cause given, so the advice is to quote it to
/// support. A number first in a person's sentence is no answer.
#[test]
fn a_refusal_copied_alone_is_a_server_answer_in_every_language() {
    let refusals = [
        "554 Nachricht abgelehnt",
        "550 Message refusé",
        "554 Mensaje rechazado",
        "550 Messaggio rifiutato",
        "550 Mensagem rejeitada",
        "554 Bericht geweigerd",
        "550 Meldingen ble avvist",
        "550 Meddelandet avvisades",
        "550 Meddelelsen blev afvist",
    ];
    for answer in refusals {
        let got = bounce::parse_shown(format!("{answer}\n").as_bytes()).expect("read");
        match got.records.as_slice() {
            [one] if got.kind == Kind::Delivery && one.recipient.is_empty() => {}
            other => panic!("{answer}: {:?} {other:?}", got.kind),
        }
    }
    let got = bounce::parse_shown(b"500 kroner ble avvist av banken.\n").expect("read");
    assert_eq!(got.kind, Kind::NotABounce);
}

/// Report subjects in each language ("Delivery failed", "Not delivered",
/// "Returned mail", in its own words), on a report from a provider's
/// ordinary address, which only its subject and wording tell from a
/// person's mail.
#[test]
fn a_report_subject_is_read_in_every_language() {
    let subjects = [
        ("de", "Unzustellbare Nachricht"),
        ("de", "Zustellung fehlgeschlagen"),
        ("de", "Nachricht nicht zugestellt"),
        ("de", "Rückläufer: Test"),
        ("fr", "Échec de la remise"),
        ("fr", "Message non délivré"),
        ("fr", "Non distribuable : Test"),
        ("fr", "Échec de livraison"),
        ("es", "Error de entrega"),
        ("es", "Mensaje no entregado"),
        ("es", "Fallo en la entrega"),
        ("es", "No se pudo entregar"),
        ("it", "Mancato recapito"),
        ("it", "Consegna non riuscita"),
        ("it", "Messaggio non recapitato"),
        ("it", "Impossibile consegnare"),
        ("pt", "Falha na entrega"),
        ("pt", "Mensagem não entregue"),
        ("pt", "Falha de entrega"),
        ("pt", "Não foi possível entregar"),
        ("nl", "Niet afgeleverd"),
        ("nl", "Bezorging mislukt"),
        ("nl", "Onbestelbaar bericht"),
        ("nl", "Afleveringsfout"),
        ("nb", "Levering mislyktes"),
        ("nb", "Ikke levert"),
        ("nb", "Returnert e-post"),
        ("nb", "Feil ved levering"),
        ("sv", "Leveransfel"),
        ("sv", "Leveransen misslyckades"),
        ("sv", "Ej levererat"),
        ("sv", "Returnerat e-postmeddelande"),
        ("da", "Leveringsfejl"),
        ("da", "Levering mislykkedes"),
        ("da", "Ikke leveret"),
        ("da", "Returneret e-mail"),
    ];
    let wrong: Vec<String> = subjects
        .iter()
        .filter_map(|&(lang, subject)| {
            misread_report(lang, subject, intro(lang).1)
                .map(|got| format!("{lang}: {subject:?}: {got}"))
        })
        .collect();
    assert_none_wrong(&wrong, subjects.len());
}

/// Report wording in each language, beside the common sentence of
/// [`intro`] ("Delivery to the following recipients failed", "the delivery
/// has failed", "it was not possible to deliver"): with a report's subject,
/// a report from a provider's ordinary address.
#[test]
fn a_report_wording_is_read_in_every_language() {
    let wordings = [
        (
            "de",
            "Die Zustellung an folgende Empfänger ist fehlgeschlagen.",
        ),
        ("de", "Es ist ein Fehler bei der Zustellung aufgetreten."),
        ("de", "Die Zustellung ist fehlgeschlagen."),
        ("fr", "La remise a échoué pour les destinataires suivants."),
        (
            "fr",
            "Impossible de remettre le message aux destinataires suivants.",
        ),
        ("fr", "La remise du message a échoué."),
        (
            "es",
            "La entrega a los siguientes destinatarios ha fallado.",
        ),
        ("es", "Error al entregar el mensaje."),
        ("es", "La entrega del mensaje falló."),
        ("it", "Il recapito ai seguenti destinatari non è riuscito."),
        ("it", "Impossibile consegnare il messaggio."),
        ("it", "La consegna del messaggio non è riuscita."),
        ("pt", "Falha na entrega para os seguintes destinatários."),
        ("pt", "A entrega da mensagem falhou."),
        ("pt", "Não foi possível entregar a mensagem."),
        ("nl", "De bezorging aan de volgende ontvangers is mislukt."),
        ("nl", "Het bezorgen van het bericht is mislukt."),
        ("nl", "Bezorging is mislukt."),
        (
            "nb",
            "Leveringen mislyktes til disse mottakerne eller gruppene:",
        ),
        ("nb", "Leveringen til følgende mottakere mislyktes."),
        ("nb", "Meldingen ble ikke levert."),
        ("sv", "Leveransen misslyckades till följande mottagare."),
        ("sv", "Det gick inte att leverera meddelandet."),
        ("sv", "Meddelandet har inte levererats."),
        ("da", "Leveringen mislykkedes til følgende modtagere."),
        ("da", "Meddelelsen blev ikke leveret."),
        ("da", "Det var ikke muligt at levere meddelelsen."),
    ];
    let wrong: Vec<String> = wordings
        .iter()
        .filter_map(|&(lang, wording)| {
            misread_report(lang, intro(lang).0, wording)
                .map(|got| format!("{lang}: {wording:?}: {got}"))
        })
        .collect();
    assert_none_wrong(&wrong, wordings.len());
}

/// A report in `lang` from a provider's ordinary address ([`SENDERS`]),
/// under `subject`, with `wording` above the failed address and the
/// language's words for a missing domain under it: `None` when it is read
/// as that report, else what it was read as.
fn misread_report(lang: &str, subject: &str, wording: &str) -> Option<String> {
    let (_, want, words) = CASES
        .iter()
        .find(|(l, r, _)| *l == lang && *r == Reason::HostUnknown)
        .expect("a missing domain in every language");
    let mail = format!(
        "From: {}\r\nTo: sender@example.com\r\nSubject: {subject}\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n\
         {wording}\r\n\r\nkari@example.org\r\n{words}\r\n",
        SENDERS[1]
    );
    let got = bounce::parse(mail.as_bytes()).expect("a mail");
    match got.records.as_slice() {
        [one] if got.kind == Kind::Delivery && one.reason == *want => None,
        other => Some(format!("{:?} {other:?}", got.kind)),
    }
}

/// A notice from a provider's ordinary address, with the returned
/// original attached: only its subject and wording can tell it is a report.
fn notice(subject: &str, intro: &str) -> String {
    format!(
        "From: Example Mail <notices@example.net>\r\nTo: sender@example.com\r\n\
         Subject: {subject}\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         {intro}\r\n\r\nkari@example.org\r\nMailbox full.\r\n\
         --b\r\nContent-Type: message/rfc822\r\n\r\n\
         From: sender@example.com\r\nTo: kari@example.org\r\nSubject: Meeting\r\n\r\nHi\r\n\
         --b--\r\n"
    )
}

/// Reports written with typographic apostrophes (HTML reports and word
/// processors write them) are told apart from mail as well as those
/// written with ASCII ones: by the report's wording and by its subject.
#[test]
fn typographic_apostrophes_read_as_ascii_ones() {
    let cases = [
        // (subject, report wording): one of them says it is a report.
        (
            "Meeting",
            "Your message couldn’t be delivered to the following recipient.",
        ),
        (
            "Réunion",
            "Votre message n’a pas pu être remis au destinataire suivant.",
        ),
        ("Mail couldn’t be delivered: Meeting", "Hello,"),
    ];
    for (subject, intro) in cases {
        for quote in ["'", "’"] {
            let (subject, intro) = (subject.replace('’', quote), intro.replace('’', quote));
            let got = bounce::parse(notice(&subject, &intro).as_bytes()).expect("a mail");
            assert_eq!(got.kind, Kind::Delivery, "{subject:?} {intro:?}");
            assert_eq!(got.records[0].recipient, "kari@example.org");
            assert_eq!(got.records[0].reason, Reason::MailboxFull);
        }
    }
}
