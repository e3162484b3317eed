package dev.hypertracker.mcp;
public final class Main { public static void main(String[] a) { } }
