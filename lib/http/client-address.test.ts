/** Finding 3: forwarding headers count only from trusted proxies. */
import { describe, expect, it } from "vitest";
import { AddressSet, clientAddressOf } from "./client-address";

describe("the client's address", () => {
  const none = new AddressSet([]);
  const proxies = new AddressSet(["10.0.0.0/8", "::1"]);

  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf("203.0.113.5", "198.51.100.1", none)).toBe("203.0.113.5");
    expect(clientAddressOf("::ffff:127.0.0.1", "1.2.3.4, 5.6.7.8", none)).toBe("127.0.0.1");
  });

  it("is the first untrusted hop from the right when the peer is a trusted proxy", () => {
    expect(clientAddressOf("10.0.0.2", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // The client wrote the left part itself; only what the trusted proxies appended counts.
    expect(clientAddressOf("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.9", proxies)).toBe("198.51.100.1");
    expect(clientAddressOf("10.0.0.2", ["6.6.6.6", "198.51.100.1"], proxies)).toBe("198.51.100.1");
    expect(clientAddressOf("10.0.0.2", "not-an-ip", proxies)).toBe("10.0.0.2");
    expect(clientAddressOf("203.0.113.5", "198.51.100.1", proxies)).toBe("203.0.113.5");
  });

  it("refuses a proxy list entry that is not an address or range", () => {
    expect(() => new AddressSet(["10.0.0.0/33"])).toThrow(/prefix/);
    expect(() => new AddressSet(["proxy.local"])).toThrow(/not an IP/);
  });
});
