# Plain PyTorch eager training loop for `heirloom bench train`: the same Llama shape, batch,
# loss (mean NLL of every next id), AdamW and global-norm clipping as Heirloom's trainer.
# Prints one JSON line: {"tokens_per_second": ..., "ms_per_step": ..., "torch": ..., "threads": ...}
import json, math, sys, time
import torch
import torch.nn.functional as F

a = json.loads(sys.argv[1])
torch.manual_seed(a["seed"])
torch.set_num_threads(a["threads"])
V, H, I, L = a["vocab"], a["hidden"], a["intermediate"], a["layers"]
NH, KV = a["heads"], a["kv_heads"]
HD = H // NH
B, T = a["batch"], a["seq"]


def p(*shape, std=0.02):
    return torch.nn.Parameter(torch.randn(*shape) * std)


params = {"embed": p(V, H), "norm": torch.nn.Parameter(torch.ones(H))}
for i in range(L):
    params.update({
        f"{i}.in": torch.nn.Parameter(torch.ones(H)), f"{i}.post": torch.nn.Parameter(torch.ones(H)),
        f"{i}.q": p(NH * HD, H), f"{i}.k": p(KV * HD, H), f"{i}.v": p(KV * HD, H),
        f"{i}.o": p(H, NH * HD), f"{i}.gate": p(I, H), f"{i}.up": p(I, H), f"{i}.down": p(H, I)})

inv = 1.0 / (10000.0 ** (torch.arange(0, HD, 2).float() / HD))
ang = torch.outer(torch.arange(T).float(), inv)
cos = torch.cat([ang.cos(), ang.cos()], -1)[None, :, None, :]
sin = torch.cat([ang.sin(), ang.sin()], -1)[None, :, None, :]
causal = torch.full((T, T), float("-inf")).triu(1)


def rms(x, w):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-5) * w


def rot(x):
    return torch.cat([-x[..., HD // 2:], x[..., :HD // 2]], -1)


def forward(ids):
    x = F.embedding(ids, params["embed"])
    for i in range(L):
        h = rms(x, params[f"{i}.in"])
        q = F.linear(h, params[f"{i}.q"]).view(B, T, NH, HD)
        k = F.linear(h, params[f"{i}.k"]).view(B, T, KV, HD)
        v = F.linear(h, params[f"{i}.v"]).view(B, T, KV, HD)
        q = q * cos + rot(q) * sin
        k = k * cos + rot(k) * sin
        q, k, v = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
        k = k.repeat_interleave(NH // KV, 1)
        v = v.repeat_interleave(NH // KV, 1)
        s = q @ k.transpose(-1, -2) / math.sqrt(HD) + causal
        att = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, H)
        x = x + F.linear(att, params[f"{i}.o"])
        h = rms(x, params[f"{i}.post"])
        x = x + F.linear(F.silu(F.linear(h, params[f"{i}.gate"])) * F.linear(h, params[f"{i}.up"]),
                         params[f"{i}.down"])
    return F.linear(rms(x, params["norm"]), params["embed"])


opt = torch.optim.AdamW(params.values(), lr=1e-3, weight_decay=0.0)
ids = torch.randint(3, V, (B, T))
times = []
for step in range(a["warmup"] + a["steps"]):
    t0 = time.perf_counter()
    logits = forward(ids)
    loss = F.cross_entropy(logits[:, :-1].reshape(-1, V), ids[:, 1:].reshape(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params.values(), 1.0)
    opt.step()
    loss.item()
    times.append(time.perf_counter() - t0)
timed = sum(times[a["warmup"]:])
print(json.dumps({"tokens_per_second": a["steps"] * B * T / timed,
                  "ms_per_step": 1000 * timed / a["steps"], "torch": torch.__version__,
                  "threads": torch.get_num_threads()}))
