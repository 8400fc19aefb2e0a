package spotcheck.core;

import java.util.List;

/** A page of a list: {"items": [...], "next": "..."}; {@code next} is absent on the last page. */
public record Page<T>(List<T> items, String next) { }
