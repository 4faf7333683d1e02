import * as client from "openid-client";

/**
 * OpenID Connect login (authorization code + PKCE S256, NL GOV profile): the IdP of the municipality or
 * a broker such as Keycloak. openid-client does the protocol: discovery, the authorization URL, the code
 * exchange and the ID token's checks (issuer, audience, signature, expiry, nonce). Tokens are used once
 * to learn the subject and then dropped: the browser only ever holds our session cookie.
 */

export interface OidcOptions {
  /** The issuer identifier; its /.well-known/openid-configuration is read on the first login. */
  issuer: string;
  clientId: string;
  /** Absent: a public client, protected by PKCE alone. */
  clientSecret?: string;
  /** This server's callback, exactly as registered at the IdP: …/api/v1/sessie/oidc/callback */
  redirectUri: string;
  /** Default "openid profile". */
  scopes?: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** What is wrong with the settings, in Dutch; empty when they are usable. */
export function oidcProblems(options: OidcOptions): string[] {
  const problems: string[] = [];
  const url = (name: string, value: string) => {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      problems.push(`${name} is geen geldig adres: '${value}'`);
      return;
    }
    // Plain http would let anyone on the way read codes and tokens; only on this machine (tests) is it allowed.
    if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname))) {
      problems.push(`${name} moet https gebruiken (http alleen op 127.0.0.1 of localhost): '${value}'`);
    }
    if (parsed.hash || parsed.username || parsed.password) {
      problems.push(`${name} mag geen #-deel of gebruikersnaam bevatten: '${value}'`);
    }
  };
  url("OIDC_ISSUER", options.issuer);
  url("OIDC_REDIRECT_URI", options.redirectUri);
  if (!options.clientId.trim()) problems.push("OIDC_CLIENT_ID is leeg");
  if (!scopesOf(options).includes("openid")) problems.push("OIDC_SCOPES moet 'openid' bevatten");
  return problems;
}

const scopesOf = (options: OidcOptions) => (options.scopes ?? "openid profile").split(/\s+/).filter(Boolean);

/** Why a login did not complete; the code goes into the audit record, never a token or a code. */
export class OidcLoginError extends Error {
  override name = "OidcLoginError";
  constructor(
    readonly reason: "idp-fout" | "controle-mislukt" | "niet-bereikbaar",
    /** The IdP's error code (RFC 6749 §4.1.2.1), when it sent one. */
    readonly idpError?: string,
  ) {
    super(reason);
  }
}

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export class OidcClient {
  #configuration: Promise<client.Configuration> | undefined;

  constructor(readonly options: OidcOptions) {
    const problems = oidcProblems(options);
    if (problems.length > 0) throw new Error(`OpenID Connect: ${problems.join("; ")}`);
  }

  /** Discovery on first use (not at start-up, so the server starts while the IdP is down); retried after a failure. */
  configuration(): Promise<client.Configuration> {
    if (!this.#configuration) {
      const { issuer, clientId, clientSecret } = this.options;
      const insecure = new URL(issuer).protocol === "http:";
      this.#configuration = client
        .discovery(
          new URL(issuer),
          clientId,
          clientSecret ? { client_secret: clientSecret } : undefined,
          clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
          { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
        )
        .catch((error: unknown) => {
          this.#configuration = undefined;
          throw new OidcLoginError("niet-bereikbaar", errorName(error));
        });
    }
    return this.#configuration;
  }

  /** The IdP's authorization URL for a new login, and what the callback needs to check its answer. */
  async start(): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.configuration();
    const pending: PendingLogin = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      response_type: "code",
      scope: scopesOf(this.options).join(" "),
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /**
   * Checks the IdP's answer (the query string of the callback) and exchanges the code; returns the
   * subject of the validated ID token.
   */
  async finish(query: string, pending: PendingLogin): Promise<{ subject: string }> {
    const config = await this.configuration();
    // The callback URL is rebuilt from the configured one, never from the request's Host header.
    const current = new URL(this.options.redirectUri);
    current.search = query;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const subject = tokens.claims()?.sub;
      if (!subject) throw new OidcLoginError("controle-mislukt", "geen-subject");
      return { subject };
    } catch (error) {
      if (error instanceof OidcLoginError) throw error;
      if (error instanceof client.AuthorizationResponseError) {
        throw new OidcLoginError("idp-fout", safeCode(error.error));
      }
      throw new OidcLoginError("controle-mislukt", errorName(error));
    }
  }
}

/** An error code from outside, kept only when it looks like one (it ends up in the audit trail). */
function safeCode(code: unknown): string | undefined {
  return typeof code === "string" && /^[a-z0-9_.-]{1,64}$/i.test(code) ? code : undefined;
}

/** The library's error code or class name: says what failed without a token, code or URL in it. */
function errorName(error: unknown): string {
  if (error && typeof error === "object") {
    const code = safeCode((error as { code?: unknown }).code);
    if (code) return code;
    const name = safeCode((error as { name?: unknown }).name);
    if (name) return name;
  }
  return "onbekend";
}
