package com.outboundsms.worker.enqueue;

import java.nio.file.Path;
import java.util.List;

import com.outboundsms.worker.processing.Lane;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The command's arguments: the file, its format from the extension or the option, the
 * rate, window and dry run, the Spring properties passed on, and the mistakes refused.
 */
class EnqueueOptionsTests {

	@Test
	void readsTheFormatFromTheExtensionWithDefaultRateAndWindow() {
		EnqueueOptions options = EnqueueOptions.parse(List.of("campaigns/spring.csv"));

		assertThat(options.file()).isEqualTo(Path.of("campaigns/spring.csv"));
		assertThat(options.format()).isEqualTo(RequestFileFormat.CSV);
		assertThat(options.rate()).isEqualTo(100);
		assertThat(options.batch()).isEqualTo(100);
		assertThat(options.dryRun()).isFalse();
		assertThat(options.springArguments()).isEmpty();
	}

	@Test
	void publishesToTheBulkLaneWithoutACampaignIdByDefault() {
		EnqueueOptions options = EnqueueOptions.parse(List.of("campaigns/spring.csv"));

		assertThat(options.lane()).isEqualTo(Lane.BULK);
		assertThat(options.campaignId()).isNull();
	}

	@Test
	void readsTheLaneAndTheCampaignId() {
		EnqueueOptions options = EnqueueOptions
			.parse(List.of("urgent.csv", "--lane=interactive", "--campaign-id=spring-2027:wave_1.a"));

		assertThat(options.lane()).isEqualTo(Lane.INTERACTIVE);
		assertThat(options.campaignId()).isEqualTo("spring-2027:wave_1.a");
		assertThat(EnqueueOptions.parse(List.of("a.csv", "--lane=BULK")).lane()).isEqualTo(Lane.BULK);
		assertThat(EnqueueOptions.parse(List.of("a.csv", "--campaign-id=" + "c".repeat(64))).campaignId()).hasSize(64);
	}

	@Test
	void refusesALaneOrCampaignIdItCannotUse() {
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--lane=fast")))
			.withMessage("--lane must be bulk or interactive, was fast");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--lane")))
			.withMessageContaining("--lane needs a value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--campaign-id=spring/sale")))
			.withMessage("--campaign-id must be 1 to 64 characters of A-Z a-z 0-9 . _ : -, was spring/sale");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--campaign-id=" + "c".repeat(65))))
			.withMessageContaining("--campaign-id must be 1 to 64 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--campaign-id=")))
			.withMessageContaining("--campaign-id needs a value");
	}

	@Test
	void documentsTheLaneAndCampaignIdOptions() {
		assertThat(EnqueueOptions.USAGE).contains("--lane=bulk|interactive").contains("--campaign-id=ID");
	}

	@Test
	void takesJsonLinesAndNdjsonExtensions() {
		assertThat(EnqueueOptions.parse(List.of("a.jsonl")).format()).isEqualTo(RequestFileFormat.JSONL);
		assertThat(EnqueueOptions.parse(List.of("A.NDJSON")).format()).isEqualTo(RequestFileFormat.JSONL);
	}

	@Test
	void readsEveryOptionAndPassesPropertiesOnToSpring() {
		EnqueueOptions options = EnqueueOptions.parse(List.of("--rate=20", "requests.txt", "--format=jsonl",
				"--batch=7", "--dry-run", "--spring.rabbitmq.host=rabbit", "--outbound-sms.inbound.exchange=x"));

		assertThat(options.file()).isEqualTo(Path.of("requests.txt"));
		assertThat(options.format()).isEqualTo(RequestFileFormat.JSONL);
		assertThat(options.rate()).isEqualTo(20);
		assertThat(options.batch()).isEqualTo(7);
		assertThat(options.dryRun()).isTrue();
		assertThat(options.springArguments()).containsExactly("--spring.rabbitmq.host=rabbit",
				"--outbound-sms.inbound.exchange=x");
	}

	@Test
	void theFormatOptionWinsOverTheExtension() {
		assertThat(EnqueueOptions.parse(List.of("export.csv", "--format=JSONL")).format())
			.isEqualTo(RequestFileFormat.JSONL);
	}

	@Test
	void needsNoFileForHelp() {
		assertThat(EnqueueOptions.parse(List.of("--help")).help()).isTrue();
	}

	@Test
	void refusesWhatItCannotUse() {
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of()))
			.withMessageContaining("which file?");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("requests.txt")))
			.withMessageContaining("--format=csv or --format=jsonl");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "b.csv")))
			.withMessageContaining("one file at a time");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--format=xml")))
			.withMessageContaining("--format must be csv or jsonl");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--rate=0")))
			.withMessageContaining("--rate must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--batch=lots")))
			.withMessageContaining("--batch is not a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--rate")))
			.withMessageContaining("--rate needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> EnqueueOptions.parse(List.of("a.csv", "--dryrun")))
			.withMessageContaining("unknown option --dryrun");
	}

}
