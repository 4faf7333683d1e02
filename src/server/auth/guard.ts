import type { FastifyRequest } from "fastify";
import { type Action, type Actor, allows, ROLE_NAMES } from "../../registry/access.ts";
import { forbidden, unauthorized } from "../problem.ts";
import "./request.ts";

/**
 * The first check of every route that serves registry data: someone is signed in, and their role has
 * the action at all (RBAC). Which rows they reach is decided after this, in the data layer.
 */
export function requireActor(request: FastifyRequest, action?: Action): Actor {
  const actor = request.actor;
  if (!actor) {
    throw unauthorized(
      "Meld u eerst aan. U bent niet aangemeld, of uw sessie is verlopen omdat u een tijd niets heeft gedaan of omdat de sessie te lang duurde.",
    );
  }
  if (action && !allows(actor, action)) {
    throw forbidden(
      `U bent aangemeld met de rol ${actor.role} (${ROLE_NAMES[actor.role]}). Met die rol mag u '${action}' niet doen.`,
    );
  }
  return actor;
}
