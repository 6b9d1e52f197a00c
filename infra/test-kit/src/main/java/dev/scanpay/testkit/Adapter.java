package dev.scanpay.testkit;

/** The two ways the functions' controllers are served, each of which the contract tests run against. */
public enum Adapter {
    /** The Lambda handler class ({@code APIGatewayV2HTTPEventFunction}) fed API Gateway HTTP API (payload 2.0) events. */
    LAMBDA,
    /** The Netty server of the local stack, over real HTTP on loopback. */
    NETTY
}
