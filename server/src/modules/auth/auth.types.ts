import type { Role } from "@leadline/shared";
import { Field, ID, ObjectType } from "type-graphql";
import type { ApiKeyRow, PublicUser, TenantRow, UserRow } from "../../db/schema/index.js";
import { RoleEnum } from "../../graphql/enums.js";

@ObjectType({ simpleResolvers: true })
export class User implements Pick<UserRow, "id" | "email" | "name" | "roles" | "active"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field(() => Boolean)
  active!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class Tenant implements Pick<TenantRow, "id" | "slug" | "name"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ simpleResolvers: true })
export class AuthPayload {
  @Field(() => String, { description: "Opaque session token: send it as Authorization: Bearer <token>." })
  token!: string;

  @Field(() => User)
  user!: UserRow;

  @Field(() => Tenant)
  tenant!: TenantRow;
}

@ObjectType({ simpleResolvers: true })
export class ApiKeyPayload {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "Shown once; only its hash is stored." })
  secret!: string;
}

@ObjectType({ simpleResolvers: true, description: "ADMIN: an API key as the key list shows it; never its secret." })
export class ApiKey implements Pick<ApiKeyRow, "id" | "name" | "roles" | "createdAt" | "revokedAt"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [RoleEnum], { description: "The key acts as its owner, limited to these roles." })
  roles!: Role[];

  @Field(() => User, { description: "Who made it: the key acts as them, and stops when they are deactivated." })
  owner!: PublicUser;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "Null while the key works." })
  revokedAt!: Date | null;
}
