package com.outboundsms.worker.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.outboundsms.worker.TestServices;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integration tests' containers run the compose stack's broker and database images,
 * so that {@code ops/images} makes (or stands in for) what both need.
 */
class ContainerImagesTests {

	@Test
	void testContainersUseTheComposeStacksBrokerAndDatabaseImages() throws IOException {
		assertThat(composeImages()).contains(TestServices.RABBIT_IMAGE, TestServices.POSTGRES_IMAGE);
	}

	@SuppressWarnings("unchecked")
	private static List<String> composeImages() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
			return services.values()
				.stream()
				.map((service) -> (String) service.get("image"))
				.filter(Objects::nonNull)
				.toList();
		}
	}

}
