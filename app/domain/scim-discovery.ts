import { SCIM, SCIM_MAX_RESULTS } from "./scim";

/**
 * What an identity provider reads to learn what Rapport's SCIM service does
 * (RFC 7644 §4): the service's features, the User schema with the attributes
 * Rapport keeps (RFC 7643 §7), and the one resource type. `base` is the
 * service's root URL, such as https://rapport.example/scim/v2.
 */

export function serviceProviderConfig(base: string) {
  return {
    schemas: [SCIM.serviceProviderConfig],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "A token an admin creates on Rapport's SCIM page, sent as Authorization: Bearer <token>.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

interface Attribute {
  name: string;
  type: "string" | "boolean" | "complex" | "reference";
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned: "always" | "never" | "default" | "request";
  uniqueness: "none" | "server" | "global";
  subAttributes?: Attribute[];
  referenceTypes?: string[];
}

const attribute = (name: string, description: string, more: Partial<Attribute> = {}): Attribute => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...more,
});

const USER_ATTRIBUTES: Attribute[] = [
  attribute("userName", "The person's e-mail address, which they sign in with. Compared without regard to case.", {
    required: true,
    uniqueness: "server",
  }),
  attribute("externalId", "The identity provider's own id for the person.", { caseExact: true, uniqueness: "server" }),
  attribute("name", "The person's name. Rapport keeps one name: formatted, else given and family name together.", {
    type: "complex",
    subAttributes: [
      attribute("formatted", "The full name, as Rapport shows it."),
      attribute("givenName", "Given name; used with familyName when formatted is not sent."),
      attribute("familyName", "Family name; used with givenName when formatted is not sent."),
    ],
  }),
  attribute("displayName", "The name Rapport shows; taken when no name is sent."),
  attribute("emails", "The e-mail address, which is always userName.", {
    multiValued: true,
    type: "complex",
    mutability: "readOnly",
    subAttributes: [
      attribute("value", "The address.", { mutability: "readOnly" }),
      attribute("type", 'Always "work".', { mutability: "readOnly" }),
      { ...attribute("primary", "Always true.", { mutability: "readOnly" }), type: "boolean" },
    ],
  }),
  {
    ...attribute("active", "False deactivates the person: they cannot sign in, and their history stays."),
    type: "boolean",
  },
];

const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  attribute("manager", "The person's manager in the reporting line; the loop check applies.", {
    type: "complex",
    subAttributes: [
      attribute("value", "The manager's SCIM id.", { caseExact: true }),
      attribute("$ref", "The manager's URL.", { type: "reference", referenceTypes: ["User"], mutability: "readOnly" }),
      attribute("displayName", "The manager's name.", { mutability: "readOnly" }),
    ],
  }),
  attribute("department", "The name of a Rapport team; a name that matches no team leaves the team as it is."),
];

export function scimSchemas(base: string) {
  return [
    {
      schemas: [SCIM.schema],
      id: SCIM.user,
      name: "User",
      description: "A person in Rapport's org chart.",
      attributes: USER_ATTRIBUTES,
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCIM.user}` },
    },
    {
      schemas: [SCIM.schema],
      id: SCIM.enterpriseUser,
      name: "EnterpriseUser",
      description: "The reporting line and team.",
      attributes: ENTERPRISE_ATTRIBUTES,
      meta: { resourceType: "Schema", location: `${base}/Schemas/${SCIM.enterpriseUser}` },
    },
  ];
}

export function scimResourceTypes(base: string) {
  return [
    {
      schemas: [SCIM.resourceType],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "A person in Rapport's org chart.",
      schema: SCIM.user,
      schemaExtensions: [{ schema: SCIM.enterpriseUser, required: false }],
      meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
    },
  ];
}
