import { z } from "zod";

// Users read schema errors (a professional's case, a policy advisor's model): zod speaks Dutch here.
z.config(z.locales.nl());
