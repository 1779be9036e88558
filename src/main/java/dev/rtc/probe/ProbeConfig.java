package dev.rtc.probe;

import java.util.Map;
import java.util.Optional;

/** The modules of a probe config, by name, in the order the file gives them. */
public record ProbeConfig(Map<String, ProbeModule> modules) {
    public ProbeConfig {
        modules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(modules));
    }

    public Optional<ProbeModule> module(String name) {
        return Optional.ofNullable(name == null ? null : modules.get(name));
    }
}
