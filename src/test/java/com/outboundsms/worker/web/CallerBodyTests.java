package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerBodyTests {

	@Test
	void takesTheFlexTokenOutOfWhatIsQueuedAndKeepsTheRestExactly() {
		CallerBody body = CallerBody.of(bytes(
				"{\"fromNumber\":\"+15005550006\",\"Token\":\"secret-jwe\",\"toName\":\"Jane\",\"taskAttributes\":{\"score\":1.10}}"));

		assertThat(body.token()).isEqualTo("secret-jwe");
		assertThat(new String(body.queued(), StandardCharsets.UTF_8))
			.isEqualTo("{\"fromNumber\":\"+15005550006\",\"toName\":\"Jane\",\"taskAttributes\":{\"score\":1.10}}");
		assertThat(body.toString()).doesNotContain("secret-jwe");
	}

	@Test
	void queuesABodyWithoutTokenAsItCame() {
		byte[] raw = bytes("{ \"fromNumber\" : \"+15005550006\" }");

		CallerBody body = CallerBody.of(raw);

		assertThat(body.token()).isNull();
		assertThat(body.queued()).isSameAs(raw);
	}

	@Test
	void findsNoTokenInWhatIsNotAJsonObject() {
		assertThat(CallerBody.of(bytes("not json")).token()).isNull();
		assertThat(CallerBody.of(bytes("[\"Token\"]")).token()).isNull();
		assertThat(CallerBody.of(bytes("{\"Token\":42}")).token()).isNull();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
