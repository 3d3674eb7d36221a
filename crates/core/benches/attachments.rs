//! Attachment decisions: one small decision of each kind, and a 10 MB
//! message with 50 attachments (documents, photos, zips, one program).
//! Criterion prints the time per decision; throughput is in bytes of mail.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_main};
use postvakt_core::attachments::{Verdict, check_file, check_message};
use postvakt_core::{Lang, Profile};

#[path = "../tests/common/zip.rs"]
mod zip;
use zip::{Entry, zip};

/// Deterministic bytes that do not compress (no randomness in benches).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

fn base64_lines(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len() * 4 / 3 + data.len() / 38);
    for (i, chunk) in data.chunks(3).enumerate() {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for j in 0..4 {
            out.push(if j <= chunk.len() {
                A[(n >> (18 - 6 * j) & 63) as usize] as char
            } else {
                '='
            });
        }
        if i % 19 == 18 {
            out.push_str("\r\n");
        }
    }
    out
}

/// About 10 MB of mail: a text body and 50 attachments of ~145 KB each.
fn big_message() -> Vec<u8> {
    let mut m = String::from(
        "From: a@example.com\r\nTo: b@example.com\r\nSubject: holiday\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nPhotos!\r\n",
    );
    for i in 0..50u64 {
        let (name, data) = match i % 5 {
            0 => (
                format!("report{i}.pdf"),
                [b"%PDF-1.7\n".as_slice(), &noise(145_000, i + 1)].concat(),
            ),
            1 => (
                format!("photo{i}.jpg"),
                [b"\xFF\xD8\xFF\xE0".as_slice(), &noise(145_000, i + 1)].concat(),
            ),
            2 => {
                let members: Vec<Entry> = (0..20)
                    .map(|j| Entry::deflated(&format!("doc{j}.txt"), &noise(7_000, i * 100 + j)))
                    .collect();
                (format!("archive{i}.zip"), zip(&members))
            }
            3 => (
                format!("sheet{i}.xlsx"),
                zip(&[
                    Entry::deflated("xl/workbook.xml", &vec![b'x'; 400_000]),
                    Entry::stored("xl/media/image1.png", &noise(140_000, i)),
                ]),
            ),
            _ => (format!("notes{i}.txt"), b"plain text line\n".repeat(9_000)),
        };
        m.push_str(&format!(
            "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64_lines(&data)
        ));
    }
    m.push_str("--b--\r\n");
    m.into_bytes()
}

fn decisions(c: &mut Criterion) {
    let rules = Profile::preset("altibox").unwrap().attachments;

    let mut one = c.benchmark_group("one decision");
    one.bench_function("file: disguised name", |b| {
        b.iter(|| {
            check_file(
                &rules,
                black_box("invoice.pdf.exe"),
                black_box(b"harmless"),
                Lang::En,
            )
        })
    });
    let pdf = [b"%PDF-1.7\n".as_slice(), &noise(100_000, 7)].concat();
    one.bench_function("file: 100 KB document", |b| {
        b.iter(|| check_file(&rules, "report.pdf", black_box(&pdf), Lang::En))
    });
    let small_zip = zip(&[
        Entry::deflated("a.txt", &noise(10_000, 3)),
        Entry::deflated("inner.zip", &zip(&[Entry::stored("tool.exe", b"MZ")])),
    ]);
    one.bench_function("file: zip in a zip", |b| {
        b.iter(|| check_file(&rules, "a.zip", black_box(&small_zip), Lang::En))
    });
    let small_message = big_message_of(1);
    one.bench_function("message: one attachment", |b| {
        b.iter(|| check_message(&rules, black_box(&small_message), Lang::En))
    });
    one.finish();

    let message = big_message();
    assert_eq!(
        check_message(&rules, &message, Lang::En).verdict,
        Verdict::Accept
    );
    let mut big = c.benchmark_group("10 MB message");
    big.sample_size(10);
    big.throughput(Throughput::Bytes(message.len() as u64));
    big.bench_function(format!("{} bytes, 50 attachments", message.len()), |b| {
        b.iter(|| check_message(&rules, black_box(&message), Lang::En))
    });
    big.finish();
}

/// A small message with `n` 10 KB attachments.
fn big_message_of(n: usize) -> Vec<u8> {
    let mut m = String::from(
        "From: a@example.com\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n",
    );
    for i in 0..n {
        m.push_str(&format!(
            "--b\r\nContent-Type: application/pdf; name=\"r{i}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            base64_lines(&noise(10_000, i as u64 + 1))
        ));
    }
    m.push_str("--b--\r\n");
    m.into_bytes()
}

/// The group, in a module of its own: the macro's function has no docs.
mod group {
    criterion::criterion_group!(benches, super::decisions);
}
criterion_main!(group::benches);
