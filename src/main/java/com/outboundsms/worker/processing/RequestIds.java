package com.outboundsms.worker.processing;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The contract's rules for request ids: what an id may be, and the id a request gets when
 * it names none.
 */
public final class RequestIds {

	/** Why an id is refused, as the caller is told. */
	public static final String RULE = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private RequestIds() {
	}

	/**
	 * Whether a text may be a request id.
	 * @param id the text, {@code null} when there is none
	 * @return {@code true} when it follows the {@link #RULE}
	 */
	public static boolean isValid(@Nullable String id) {
		return id != null && VALID.matcher(id).matches();
	}

	/**
	 * The id derived from a body: {@code sha256:} and the body's hex SHA-256, so that the
	 * same body always gets the same id.
	 * @param body the body
	 * @return the derived id
	 */
	public static String derivedFrom(byte[] body) {
		return "sha256:" + Sha256.hexOf(body);
	}

}
