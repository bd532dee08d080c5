package com.outboundsms.worker.enqueue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.outboundsms.worker.inbound.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enqueue's campaign id goes into every row that names none, and nothing else of a
 * row changes.
 */
class CampaignStampTests {

	private final CampaignStamp stamp = new CampaignStamp((file, action) -> {
	}, "spring-2027");

	@Test
	void putsTheCampaignIdFirstAndKeepsTheRestByteForByte() {
		FileRow stamped = this.stamp.stamped(row("  {\"toName\": \"Ada\",\n \"n\": 1.50}"));

		assertThat(text(stamped)).isEqualTo("  {\"campaignId\":\"spring-2027\",\"toName\": \"Ada\",\n \"n\": 1.50}");
		assertThat(stamped.line()).isEqualTo(7);
	}

	@Test
	void stampsAnEmptyObjectWithoutATrailingComma() {
		assertThat(text(this.stamp.stamped(row("{}")))).isEqualTo("{\"campaignId\":\"spring-2027\"}");
	}

	@Test
	void leavesARowWithItsOwnCampaignIdOrAnExplicitNoneAlone() {
		FileRow own = row("{\"campaignId\":\"autumn\",\"toName\":\"Ada\"}");
		FileRow none = row("{\"toName\":\"Ada\",\"campaignId\":null}");

		assertThat(this.stamp.stamped(own)).isSameAs(own);
		assertThat(this.stamp.stamped(none)).isSameAs(none);
	}

	@Test
	void leavesWhatIsNoJsonObjectForTheChecksToName() {
		FileRow array = row("[1,2]");
		FileRow broken = row("{\"toName\":");
		FileRow unreadable = new FileRow(3, null, List.of(new FieldError("metadata", "is not JSON")));

		assertThat(this.stamp.stamped(array)).isSameAs(array);
		assertThat(this.stamp.stamped(broken)).isSameAs(broken);
		assertThat(this.stamp.stamped(unreadable)).isSameAs(unreadable);
	}

	@Test
	void keepsARowsProblems() {
		FileRow row = new FileRow(4, bytes("{\"toName\":\"Ada\"}"), List.of(new FieldError("metadata", "is not JSON")));

		assertThat(this.stamp.stamped(row).problems()).isEqualTo(row.problems());
	}

	private static FileRow row(String body) {
		return FileRow.read(7, bytes(body));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(FileRow row) {
		return new String(row.body(), StandardCharsets.UTF_8);
	}

}
