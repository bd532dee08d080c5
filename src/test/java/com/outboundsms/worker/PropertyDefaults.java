package com.outboundsms.worker;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The defaults a settings record declares, read from its {@link DefaultValue}s without
 * starting anything.
 */
final class PropertyDefaults {

	private PropertyDefaults() {
	}

	/**
	 * The default of one setting.
	 * @param settings the {@code *Properties} record
	 * @param name the record component
	 * @return its single default value
	 */
	static String of(Class<? extends Record> settings, String name) {
		RecordComponent[] components = settings.getRecordComponents();
		try {
			Constructor<?> canonical = settings
				.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
			for (int i = 0; i < components.length; i++) {
				if (components[i].getName().equals(name)) {
					return canonical.getParameters()[i].getAnnotation(DefaultValue.class).value()[0];
				}
			}
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		throw new IllegalArgumentException(settings.getSimpleName() + " has no setting " + name);
	}

}
