package com.outboundsms.worker.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validator other packages use answers what the listener would: the same id (the
 * body's own, else the body's digest) and every broken rule.
 */
class RequestValidatorTests {

	private final RequestValidator validator = RequestValidator
		.of(new InboundProperties("outbound-sms", "request", "outbound-sms.requests", "request.bulk",
				"outbound-sms.requests.bulk", 20, DataSize.ofKilobytes(64), "US", 8, null, null, null, 8));

	@Test
	void givesABodyWithoutRequestIdTheDigestOfTheBody() throws Exception {
		byte[] body = "{\"fromNumber\":\"+15005550006\",\"toNumber\":\"+14155552671\",\"toName\":\"Jane\"}"
			.getBytes(StandardCharsets.UTF_8);

		RequestValidator.Verdict verdict = this.validator.check(body);

		assertThat(verdict.valid()).isTrue();
		assertThat(verdict.requestId())
			.isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
	}

	@Test
	void keepsTheBodysOwnRequestId() {
		RequestValidator.Verdict verdict = this.validator.check(
				"{\"requestId\":\"crm-1\",\"fromNumber\":\"+15005550006\",\"toNumber\":\"4155552671\",\"toName\":\"J\"}"
					.getBytes(StandardCharsets.UTF_8));

		assertThat(verdict.valid()).isTrue();
		assertThat(verdict.requestId()).isEqualTo("crm-1");
	}

	@Test
	void listsEveryBrokenRule() {
		RequestValidator.Verdict verdict = this.validator
			.check("{\"fromNumber\":\"12\",\"toName\":\" \"}".getBytes(StandardCharsets.UTF_8));

		assertThat(verdict.valid()).isFalse();
		assertThat(verdict.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("fromNumber", "toNumber", "toName");
	}

}
