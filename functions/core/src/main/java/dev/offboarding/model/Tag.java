package dev.offboarding.model;

public record Tag(String key, String value) {
}
