//! Edges of the policy rules that the shared vectors do not cover: stored
//! state that is not ours, bounded state and input, clocks that go back,
//! profile keys.

use postvakt_core::calendar::DAY;
use postvakt_core::quarantine::{self, LinkError};
use postvakt_core::relay::{self, Envelope};
use postvakt_core::sending::{self, SendWindow};
use postvakt_core::{Lang, Profile, StateError};

const T0: u64 = 1_768_471_200;

fn altibox() -> Profile {
    Profile::preset("altibox").unwrap()
}

#[test]
fn sending_state_that_is_not_ours_is_an_error() {
    assert!(matches!(
        SendWindow::from_json("{"),
        Err(StateError::Invalid { .. })
    ));
    assert!(matches!(
        SendWindow::from_json("{\"surprise\": 1}"),
        Err(StateError::Invalid { .. })
    ));
    assert!(matches!(
        SendWindow::from_json("[1,2]"),
        Err(StateError::Invalid { .. })
    ));
    let huge = " ".repeat(postvakt_core::state::MAX_STATE_BYTES + 1);
    assert!(matches!(
        SendWindow::from_json(&huge),
        Err(StateError::TooLarge { .. })
    ));
    assert_eq!(SendWindow::from_json("  ").unwrap(), SendWindow::default());
}

#[test]
fn sending_state_stays_bounded() {
    let p = altibox();
    let mut w = SendWindow::default();
    // A steady sender under the limits for ten hours: one message a minute
    // to a new recipient each time would break the recipient limit, so
    // cycle through 40.
    for i in 0..600u64 {
        let to = vec![format!("r{}@example.org", i % 40)];
        let (d, next) = sending::decide(&p, &w, T0 + i * 60, &to);
        assert!(d.accepted(), "message {i}");
        w = next;
    }
    let json = w.to_json();
    assert!(json.len() < 4000, "{} bytes: {json}", json.len());
    assert_eq!(w.messages_at(T0 + 599 * 60, 3600), 60);
    // Everything leaves the window an hour after the last message.
    let (_, later) = sending::decide(&p, &w, T0 + 600 * 60 + 3600, &[]);
    assert_eq!(later.recipients_at(T0 + 660 * 60, 3600), 0);
    assert_eq!(later.messages_at(T0 + 660 * 60, 3600), 1);
}

#[test]
fn sending_survives_a_clock_that_goes_back() {
    let p = altibox();
    let mut w = SendWindow::default();
    for i in 0..200 {
        w = sending::decide(&p, &w, T0 + 3000 + i, &["a@b.no".to_string()]).1;
    }
    // Earlier than every stored event: they all still count.
    let (d, w) = sending::decide(&p, &w, T0, &["a@b.no".to_string()]);
    assert_eq!(d.refusal.map(|r| r.code()), Some("too_many_messages"));
    assert_eq!(d.retry_at, Some(T0 + 3600));
    // Far in the past of the epoch, or at its end: no panic.
    let _ = sending::decide(&p, &w, 0, &[]);
    let (d, _) = sending::decide(&p, &SendWindow::default(), u64::MAX, &["x@y.no".into()]);
    assert!(d.accepted());
}

#[test]
fn sending_messages_in_every_language() {
    let p = altibox();
    let mut w = SendWindow::default();
    for i in 0..200 {
        w = sending::decide(&p, &w, T0 + i, &["a@b.no".to_string()]).1;
    }
    let (d, w) = sending::decide(&p, &w, T0 + 200, &["a@b.no".to_string()]);
    let (blocked, _) = sending::decide(&p, &w, T0 + 201, &["a@b.no".to_string()]);
    for r in [d.refusal.unwrap(), blocked.refusal.unwrap()] {
        let texts: Vec<String> = Lang::ALL.iter().map(|l| r.message(*l)).collect();
        assert!(
            texts.iter().all(|t| !t.is_empty() && !t.contains('{')),
            "{texts:?}"
        );
        assert_ne!(texts[0], texts[1]);
        assert!(r.reply().is_transient());
        assert!(r.reply().text.is_ascii());
    }
}

#[test]
fn relay_echoes_bounded_input() {
    let p = altibox();
    let long = format!("{}@gmail.com", "å".repeat(400));
    let rcpt = [long];
    let e = Envelope {
        account: Some("ola@lyse.net"),
        mail_from: "ola@lyse.net",
        rcpt_to: &rcpt,
        ..Default::default()
    };
    let d = relay::decide(&p, &e);
    let r = d.recipients[0]
        .refusal
        .as_ref()
        .expect("too long to be an address");
    assert_eq!(r.code(), "bad_address");
    assert!(r.message(Lang::En).len() < 600);
    assert_eq!(
        d.recipients[0].reply.to_string(),
        "501 5.1.3 Bad address syntax"
    );
}

#[test]
fn quarantine_bounds_and_round_trips() {
    let p = altibox();
    let key = [7u8; 32];
    let token = quarantine::issue(&p, &key, "Ola.Nordmann@Lyse.net", T0).unwrap();
    let claims = quarantine::verify(&p, &key, &token, T0 + DAY).unwrap();
    assert_eq!(claims.account, "ola.nordmann@lyse.net");
    assert_eq!(claims.expires, T0 + 15 * DAY);
    let long = format!("{token}{}", "A".repeat(2000));
    assert_eq!(
        quarantine::verify(&p, &key, &long, T0),
        Err(LinkError::Malformed)
    );
    // Base64 of bytes that are not UTF-8.
    assert_eq!(
        quarantine::verify(&p, &key, "__8.AAAA", T0),
        Err(LinkError::Malformed)
    );
    assert_eq!(
        quarantine::verify(&p, &key, "", T0),
        Err(LinkError::Malformed)
    );
    assert_eq!(
        quarantine::verify(&p, &key[..31], &token, T0),
        Err(LinkError::WeakKey)
    );
    for e in [
        LinkError::Malformed,
        LinkError::Tampered,
        LinkError::Expired {
            at: 0,
            valid_days: 15,
        },
    ] {
        let texts: Vec<String> = Lang::ALL.iter().map(|l| e.message(*l)).collect();
        assert!(texts.iter().all(|t| !t.is_empty() && !t.contains('{')));
    }
}

#[test]
fn forwarding_advice_must_be_known() {
    let text = postvakt_core::profile::PRESETS[1].1;
    let broken = text.replace("advice = \"pop3-fetch\"", "advice = \"imap-fetch\"");
    let err = Profile::from_toml(&broken, "broken.toml").unwrap_err();
    assert_eq!(err.key(), Some("forwarding.advice"), "{err}");
    let broken = text.replace("\"gmail.com\"", "\"Gmail.com\"");
    let err = Profile::from_toml(&broken, "broken.toml").unwrap_err();
    assert_eq!(err.key(), Some("forwarding.strict_providers"), "{err}");
}
