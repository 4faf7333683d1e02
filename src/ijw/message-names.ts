import type { MessageType } from "./xsd-model.ts";

/** The Dutch name of each iJw 3.2 message type, for users (CLI, API, web). */
export const MESSAGE_NAMES: Record<MessageType, string> = {
  JW301: "toewijzing",
  JW302: "retour toewijzing",
  JW305: "start zorg",
  JW306: "retour start zorg",
  JW307: "stop zorg",
  JW308: "retour stop zorg",
  JW315: "verzoek om toewijzing",
  JW316: "retour verzoek om toewijzing",
  JW317: "verzoek om wijziging",
  JW318: "retour verzoek om wijziging",
  JW319: "antwoordbericht",
  JW320: "retour antwoordbericht",
  JW323: "declaratie",
  JW325: "declaratie-antwoord",
};
