package io.serversidesync.sandbox.hubspot.values;

/**
 * One refused property value, as HubSpot lists it inside a VALIDATION_ERROR message: {@code
 * {"isValid":false,"message":…,"error":"INVALID_INTEGER","name":"score"}}.
 *
 * @param name the property
 * @param error HubSpot's code ({@code INVALID_INTEGER}, {@code INVALID_OPTION}, …)
 * @param message the human-readable reason
 */
public record InvalidValue(String name, String error, String message) {}
