//! A QR code as SVG text, in pure Rust: no image crates, so it builds for
//! every target the core does and the browser draws it at any size.

use qrcodegen::{QrCode, QrCodeEcc};

use super::TotpError;

/// Modules of white border the QR specification asks for around the code.
const QUIET_ZONE: i32 = 4;

/// `text` as an SVG QR code: one `<path>` of dark modules on a white
/// square, scalable (set the width in CSS), crisp at any size.
///
/// Error correction is level M (15 %): the usual choice for screens, and a
/// Key URI stays at version 6–8, easy for phone cameras.
pub fn svg(text: &str) -> Result<String, TotpError> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).map_err(|_| TotpError::QrTooLong)?;
    let size = qr.size();
    let full = size + 2 * QUIET_ZONE;
    let mut path = String::with_capacity((size * size) as usize * 4);
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" \
         shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">\
         <rect width=\"{full}\" height=\"{full}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn svg_shape() {
        let svg = super::svg("otpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=A")
            .unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        assert!(svg.ends_with("</svg>"));
        // The top-left finder pattern starts at the quiet zone.
        assert!(svg.contains("M4,4h1v1h-1z"));
        assert!(super::svg(&"x".repeat(5000)).is_err());
    }
}
