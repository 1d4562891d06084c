package dev.offboarding; final class Placeholder {}
