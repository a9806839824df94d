import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID provider (oidc-provider) for the single sign-on tests, on a
 * free port of 127.0.0.1: discovery, signed ID tokens, PKCE required, and its
 * development sign-in page, where any login with any password signs in. The
 * login is the account: its claims are `accounts[login]` when listed, else
 * `login` as a verified e-mail address.
 */

export interface TestClaims {
  email?: unknown;
  email_verified?: unknown;
}

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Registers the app's callback, the only redirect URI the provider accepts.
   * Until then the provider answers 503 to everything, as one that is down would.
   */
  allowRedirectUri(uri: string): void;
  stop(): Promise<void>;
}

export async function startOidcProvider(
  options: {
    accounts?: Record<string, TestClaims>;
    /** false puts the e-mail claims in the ID token; by default they come from UserInfo only. */
    conformIdTokenClaims?: boolean;
  } = {},
): Promise<RunningProvider> {
  const clientId = "rapport";
  const clientSecret = randomBytes(24).toString("base64url");
  let provider: Provider | undefined;
  const server = http.createServer((req, res) => {
    if (!provider) {
      res.writeHead(503, { "Content-Type": "text/plain" }).end("not yet");
      return;
    }
    void provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = {
    ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
    kid: "test-signing-key",
    use: "sig",
    alg: "RS256",
  };

  const configuration = (redirectUri: string): Configuration => ({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    conformIdTokenClaims: options.conformIdTokenClaims ?? true,
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    features: { devInteractions: { enabled: true } },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    async findAccount(_ctx, sub) {
      const claims = options.accounts?.[sub] ?? { email: sub, email_verified: true };
      return { accountId: sub, claims: () => ({ sub, ...claims }) as { sub: string } };
    },
    // The app is the organisation's own: no consent screen, as a company's provider is set up for it.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email");
      await grant.save();
      return grant;
    },
  });

  return {
    issuer,
    clientId,
    clientSecret,
    allowRedirectUri(uri) {
      provider = new Provider(issuer, configuration(uri));
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A cookie jar for one origin, enough for the provider's own session cookies. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, ...value] = pair!.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * Walks the provider's side of a sign-in over plain HTTP, as a browser would:
 * from the authorization URL through its sign-in form (as `login`, or the
 * abort link with `abort`) to the redirect back to the app, whose URL it returns.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  options: { abort?: boolean } = {},
): Promise<URL> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new Jar();
  const get = async (url: string) => {
    const response = await fetch(url, { headers: { Cookie: jar.header() }, redirect: "manual" });
    jar.take(response);
    return response;
  };
  const follow = async (response: Response): Promise<Response> => {
    while (response.status >= 300 && response.status < 400) {
      const next = new URL(response.headers.get("Location")!, response.url || origin);
      if (next.origin !== origin) return response;
      response = await get(next.href);
    }
    return response;
  };

  const loginPage = await follow(await get(authorizationUrl));
  const html = await loginPage.text();
  const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
  if (loginPage.status !== 200 || !action)
    throw new Error(`the provider showed no sign-in form (${loginPage.status}):\n${html}`);
  const interaction = new URL(action.replace(/&amp;/g, "&"), origin);

  let answer: Response;
  if (options.abort) {
    answer = await get(new URL(`${interaction.pathname}/abort`, origin).href);
  } else {
    answer = await fetch(interaction, {
      method: "POST",
      headers: { Cookie: jar.header(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login, password: "any password" }),
      redirect: "manual",
    });
    jar.take(answer);
  }
  const back = await follow(answer);
  const location = back.headers.get("Location");
  if (!location) throw new Error(`the provider did not send the browser back (${back.status}):\n${await back.text()}`);
  return new URL(location);
}
