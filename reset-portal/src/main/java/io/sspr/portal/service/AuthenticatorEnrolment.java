package io.sspr.portal.service;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.commons.codec.binary.Base32;

/**
 * What an authenticator app scans: the otpauth URI (Google Authenticator's key URI format) and the same as a QR code
 * in a PNG data URI (ZXing). Shown once; it holds the secret, so it is never logged or stored in clear.
 */
public record AuthenticatorEnrolment(String otpauthUri, String qrCode) {
    private static final int QR_SIZE = 240;

    public static AuthenticatorEnrolment of(String issuer, String accountName, byte[] secret) {
        String label = encode(issuer) + ":" + encode(accountName);
        String uri = "otpauth://totp/" + label + "?secret=" + new Base32().encodeAsString(secret).replace("=", "")
                + "&issuer=" + encode(issuer) + "&algorithm=SHA1&digits=" + AuthenticatorSecrets.DIGITS
                + "&period=" + AuthenticatorSecrets.STEP.toSeconds();
        return new AuthenticatorEnrolment(uri, pngDataUri(uri));
    }

    private static String pngDataUri(String content) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException | IOException e) {
            throw new IllegalStateException("cannot draw the QR code", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The secret as people type it into an app that cannot scan: Base32 in groups of four. */
    public String manualKey() {
        String query = otpauthUri.substring(otpauthUri.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            if (pair.startsWith("secret=")) {
                return String.join(" ", pair.substring("secret=".length()).split("(?<=\\G.{4})"));
            }
        }
        throw new IllegalStateException("an otpauth URI without its secret");
    }

    @Override
    public String toString() {
        return "AuthenticatorEnrolment[secret hidden]";
    }
}
