package com.outboundsms.worker.processing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests: of a body, for the request id derived from it, and of a token, which
 * the HTTP door compares and remembers instead of the token.
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * The digest of some bytes.
	 * @param bytes the bytes
	 * @return the 32 bytes of the digest
	 */
	public static byte[] of(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			// every JVM must provide it
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * The digest of a text's UTF-8 bytes.
	 * @param text the text
	 * @return the 32 bytes of the digest
	 */
	public static byte[] of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The digest of some bytes in lower-case hex.
	 * @param bytes the bytes
	 * @return 64 hex digits
	 */
	public static String hexOf(byte[] bytes) {
		return HexFormat.of().formatHex(of(bytes));
	}

	/**
	 * The digest of a text's UTF-8 bytes in lower-case hex.
	 * @param text the text
	 * @return 64 hex digits
	 */
	public static String hexOf(String text) {
		return HexFormat.of().formatHex(of(text));
	}

}
