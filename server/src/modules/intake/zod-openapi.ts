import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

// Gives zod schemas their .openapi() method; imported by every schema file that documents itself.
extendZodWithOpenApi(z);
