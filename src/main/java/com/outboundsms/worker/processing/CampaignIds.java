package com.outboundsms.worker.processing;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The contract's rule for campaign ids, which producers set to tell a campaign's requests
 * and results apart; the worker only checks and echoes them.
 */
public final class CampaignIds {

	/** Why a campaign id is refused, as the caller is told. */
	public static final String RULE = "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private CampaignIds() {
	}

	/**
	 * Whether a text may be a campaign id.
	 * @param id the text, {@code null} when there is none
	 * @return {@code true} when it follows the {@link #RULE}
	 */
	public static boolean isValid(@Nullable String id) {
		return id != null && VALID.matcher(id).matches();
	}

}
