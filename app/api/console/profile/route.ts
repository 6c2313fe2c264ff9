import { withUser } from "@/lib/auth/with-org";
import { readJson } from "@/lib/http/read-json";
import { otherMethods } from "@/lib/http/other-methods";
import { ZUpdateProfileInput } from "@/lib/users/schemas";
import { updateProfile } from "@/lib/users/update-profile";

export const dynamic = "force-dynamic";

// PATCH /api/console/profile — change the signed-in user's name and/or email (email needs the current password)
export const PATCH = withUser(async (request, { user, ip }) => {
  const updated = await updateProfile(user.id, ZUpdateProfileInput.parse(await readJson(request)), { userId: user.id, ip });
  return Response.json(updated);
});

// GET, POST, PUT, DELETE — 405 with the methods allowed here
export const { GET, POST, PUT, DELETE } = otherMethods("PATCH");
