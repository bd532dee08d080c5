package com.outboundsms.worker.emulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskExpressionTests {

	private static final JsonNode TASK = Json.parse("attributes",
			"{\"outboundSmsOutreachId\":\"o-1\",\"channelType\":\"sms\",\"priority\":2,"
					+ "\"vip\":true,\"customer\":{\"tier\":\"gold\"}}");

	@Test
	void comparesAnAttributeWithAStringInEitherQuotes() {
		assertThat(TaskExpression.parse("outboundSmsOutreachId == \"o-1\"").matches(TASK)).isTrue();
		assertThat(TaskExpression.parse("outboundSmsOutreachId == 'o-1'").matches(TASK)).isTrue();
		assertThat(TaskExpression.parse("outboundSmsOutreachId == \"o-2\"").matches(TASK)).isFalse();
		assertThat(TaskExpression.parse("outboundSmsOutreachId != \"o-2\"").matches(TASK)).isTrue();
	}

	@Test
	void comparesNumbersBooleansAndNestedAttributes() {
		assertThat(TaskExpression.parse("priority == 2").matches(TASK)).isTrue();
		assertThat(TaskExpression.parse("vip == true").matches(TASK)).isTrue();
		assertThat(TaskExpression.parse("customer.tier == \"gold\"").matches(TASK)).isTrue();
		assertThat(TaskExpression.parse("priority == \"2\"").matches(TASK)).isFalse();
	}

	@Test
	void aMissingAttributeEqualsNothing() {
		assertThat(TaskExpression.parse("missing == \"o-1\"").matches(TASK)).isFalse();
		assertThat(TaskExpression.parse("missing != \"o-1\"").matches(TASK)).isTrue();
	}

	@Test
	void joinsComparisonsWithAndBindingBeforeOr() {
		assertThat(TaskExpression.parse("channelType == \"sms\" AND vip == true").matches(TASK)).isTrue();
		assertThat(TaskExpression.parse("channelType == \"sms\" and vip == false").matches(TASK)).isFalse();
		assertThat(TaskExpression.parse("vip == false && priority == 2 || channelType == 'sms'").matches(TASK))
			.isTrue();
		assertThat(TaskExpression.parse("vip == false OR priority == 3").matches(TASK)).isFalse();
	}

	@Test
	void refusesWhatItCannotReadAsTwilioDoes() {
		for (String expression : new String[] { "", "outboundSmsOutreachId", "a == \"b", "a > 1", "a == b",
				"a == 1 XOR b == 2", "\"a\" == 1" }) {
			assertThatExceptionOfType(TwilioApiException.class).as(expression)
				.isThrownBy(() -> TaskExpression.parse(expression))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20001));
		}
	}

}
