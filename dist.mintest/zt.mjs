import * as z from 'zod/mini'; console.log(typeof z.object({a: z.string()}).parse);
